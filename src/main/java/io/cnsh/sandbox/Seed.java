package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a new sandbox store starts with. The seed is applied once, when the store is created;
 * a store that already holds data is never re-seeded.
 */
public enum Seed {

    /** No agents. */
    NONE,

    /**
     * Forty plausible agents of one contact centre, always the same: admins, supervisors and
     * agents across four campaigns ({@code selfserve_id} 3101 to 3104), two agents sharing the
     * username {@code jsmith}, weak and shared pins ({@code 1234}, {@code 0000}, {@code 123456},
     * {@code 482913} twice), one deleted agent ({@code filter} 999) and the system agent
     * ({@code filter} 505050), so that reports and bulk rehearsals have something to find.
     */
    DEMO;

    /** The agents of this seed, in creation order, without agent ids. */
    public List<Agent> agents() {
        return this == DEMO ? DemoAgents.AGENTS : List.of();
    }

    /** The demo data: one line per agent, columns separated by {@code |}; "-" stands for null. */
    private static final class DemoAgents {

        // name | username | pin | password | auth_level | selfserve_id | phone | userfield | aod | auth_reports | filter
        private static final String TABLE = """
                Priya Raman|praman|482913|Harbour-Lights-72|admin|3101|+44 20 7946 0101|Head office|no|Y|0
                Tom Hargreaves|thargreaves|1234|Password1|admin|3102|+44 20 7946 0102|Head office|no|Y|0
                Default PBX Agent|pbx_default|-|-|agent|0|-||no|-|505050
                Grace Okafor|gokafor|739204|Cedar!Stone88|supervisor|3101|+44 20 7946 0110|Team North|no|Y|0
                Daniel Whitfield|dwhitfield|0000|Welcome123|supervisor|3102|+44 20 7946 0111|Team South|no|Y|0
                Aisha Karimi|akarimi|582016|Mosaic-Tiles-19|supervisor|3103|+44 20 7946 0112|Collections|no|Y|0
                Marcus Bell|mbell|305817|Blue.Heron.5|supervisor|3104|+1 202 555 0113|Renewals|yes|Y|0
                John Smith|jsmith|123456|Welcome123|agent|3101|+44 20 7946 0120|Team North|no|N|0
                Jane Smith|jsmith|916402|Quiet-River-31|agent|3103|+44 20 7946 0121|Collections|no|N|0
                Oliver Brennan|obrennan|1234|Summer2024|agent|3101||Team North|no|-|0
                Chloe Nakamura|cnakamura|640193|Paper+Crane+8|agent|3101|-|Team North|no|N|0
                Samuel Adeyemi|sadeyemi|271845|Lantern_Walk_44|agent|3101|+44 20 7946 0124|Team North|no||0
                Emily Carter|ecarter|482913|Orchard-Gate-6|agent|3101|+44 20 7946 0125|Team North|no|N|0
                Ravi Menon|rmenon|803562|Copper#Kettle9|agent|3101|+44 20 7946 0126|Nights|no|N|0
                Hannah Kowalski|hkowalski|158027|Willow-Bend-27|agent|3101|-|Nights|no|-|0
                Liam O'Connor|loconnor|0000|Password1|agent|3102|+44 20 7946 0130|Team South|no|N|0
                Sofia Rossi|srossi|394716|Amber.Field.12|agent|3102|+44 20 7946 0131|Team South|no|N|0
                Ethan Clarke|eclarke|527390|Granite-Path-50|agent|3102||Team South|no|N|0
                Mia Johansson|mjohansson|902481|North_Star_77|agent|3102|+44 20 7946 0133|Team South|no|-|0
                Noah Fischer|nfischer|123456|Qwerty123|agent|3102|+44 20 7946 0134|Team South|no|N|0
                Zara Hussain|zhussain|615294|Velvet-Moon-3|agent|3102|+44 20 7946 0135|Nights|no|N|0
                Lucas Moreau|lmoreau|748203|Silver~Birch~41|agent|3102|-|Nights|no|N|0
                Isla Campbell|icampbell|286517|Thistle-Down-65|agent|3103|+44 20 7946 0140|Collections|no|N|0
                Kwame Mensah|kmensah|430961|Baobab-Shade-22|agent|3103|+44 20 7946 0141|Collections|no|N|0
                Freya Lindqvist|flindqvist|1111|Letmein1|agent|3103|+44 20 7946 0142|Collections|no|-|0
                Mateo Alvarez|malvarez|951372|Sierra.Wind.58|agent|3103||Collections|no|N|0
                Ruby Patel|rpatel|307648|Saffron-Road-14|agent|3103|+44 20 7946 0144|Collections|no|N|0
                Owen Price|oprice|864120|Harbour-Wall-91|agent|3103|+44 20 7946 0145|Collections|no|N|0
                Leah Goldberg|lgoldberg|519836|Olive+Branch+2|agent|3104|+1 202 555 0150|Renewals|yes|N|0
                Jamal Washington|jwashington|1234|Renewals2024|agent|3104|+1 202 555 0151|Renewals|yes|N|0
                Nora Fitzgerald|nfitzgerald|672049|Cliff-Top-36|agent|3104|+1 202 555 0152|Renewals|yes|-|0
                Arjun Sharma|asharma|238715|Monsoon.Rain.7|agent|3104|+1 202 555 0153|Renewals|no|N|0
                Elena Petrova|epetrova|845903|Birch-Lane-83|agent|3104|-|Renewals|yes|N|0
                Caleb Turner|cturner|396024|Prairie_Sky_17|agent|3104|+1 202 555 0155|Renewals|yes|N|0
                Ava Morgan|amorgan|713582|Coral-Reef-24|agent|3104|+1 202 555 0156|Renewals|no|N|0
                Theo Wright|twright|160473|Ember-Glow-9|agent|3101|+44 20 7946 0160|Team North|no|N|0
                Maya Levi|mlevi|0000|Sunshine1|agent|3102|+44 20 7946 0161|Team South|no|N|0
                Finn Gallagher|fgallagher|584216|Tidal-Pool-40|agent|3103|+44 20 7946 0162|Collections|no|N|0
                Rosa Delgado|rdelgado|927305|Canyon.Echo.61|agent|3104|+1 202 555 0163|Renewals|yes|N|0
                Mark Leaver|mleaver|123456|Goodbye123|agent|3102|+44 20 7946 0199|Team South|no|N|999
                """;

        static final List<Agent> AGENTS = parse();

        private static List<Agent> parse() {
            List<Agent> agents = new ArrayList<>();
            for (String line : TABLE.strip().split("\n")) {
                String[] c = line.split("\\|", -1);
                String level = c[4];
                int n = agents.size();
                agents.add(Agent.builder()
                        .name(c[0])
                        .moh(n % 9 == 4 ? "default" : "none")
                        .userfield(c[7])
                        .filter(c[10])
                        .pin(nullable(c[2]))
                        .username(c[1])
                        .password(nullable(c[3]))
                        .phone(nullable(c[6]))
                        .customer("0")
                        .defaultStatus("wrap")
                        .agentVersion(n % 13 == 7 ? "1" : "2")
                        .lastBroadcastMsg(n == 17 ? "Team huddle moved to 14:00" : "")
                        .selfserveId(c[5])
                        .aod(c[8])
                        .aodLock(n == 29 ? "1" : "0")
                        .audioId(n == 6 ? "12" : "0")
                        .authLevel(level)
                        .authAdmin(level.equals("admin") ? "Y" : "N")
                        .authSupervisor(level.equals("agent") ? "N" : "Y")
                        .authReports(nullable(c[9]))
                        .build());
            }
            return Collections.unmodifiableList(agents);
        }

        private static String nullable(String cell) {
            return cell.equals("-") ? null : cell;
        }
    }
}
