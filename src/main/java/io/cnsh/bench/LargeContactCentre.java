package io.cnsh.bench;

import io.cnsh.model.Agent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** The agents of B3: a large contact centre made up from a seed, with the duplicates real ones have. */
final class LargeContactCentre {

    private LargeContactCentre() {
    }

    private static final String[] FIRST = ("Aisha Amelia Arjun Ava Ben Caleb Chloe Daniel Elena Emily Ethan Finn Freya"
            + " Grace Hannah Isla Jamal Jane John Kwame Leah Liam Lucas Maya Marcus Mateo Mia Noah Nora Oliver Owen Priya"
            + " Ravi Rosa Ruby Samuel Sofia Theo Tom Zara Adam Alice Amir Anna Carlos Dara Eve Felix Hugo Ines Ivan Jack"
            + " Kai Lena Leo Luca Mila Nina Omar Paul Rhys Sara Tara Uma Yusuf Zoe").split(" ");
    private static final String[] SYLLABLES = ("ar bel cor dan el fin gar hol in jor kel lan mor nor ol per quin ros"
            + " sel tor ul van wes yar zel ber cal dor ev hal").split(" ");
    private static final String[] TEAMS = {"Team North", "Team South", "Collections", "Renewals", "Nights", "Sales",
        "Retention", "Support", "Billing", "Onboarding"};

    /**
     * A large contact centre, always the same for a seed: 90% agents, 8% supervisors, 2% admins over
     * 50 campaigns; 4% deleted and one system agent; 1% created twice (same username and name, other
     * fields different), 0.5% given a username someone else has, 0.5% given someone else's name in
     * capitals with stray spaces; other names repeat by chance, as real ones do (about 5%).
     */
    static List<Agent> agents(int n, Random r) {
        List<Agent> out = new ArrayList<>(n);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                    + SYLLABLES[r.nextInt(SYLLABLES.length)];
            last = Character.toUpperCase(last.charAt(0)) + last.substring(1);
            String name = first + " " + last;
            String username = (first.charAt(0) + last).toLowerCase(Locale.ROOT);
            for (int k = 2; !taken.add(username); k++) {
                username = (first.charAt(0) + last).toLowerCase(Locale.ROOT) + k;
            }
            int roll = r.nextInt(1000);
            if (i > 0 && roll < 10) {
                Agent twin = out.get(r.nextInt(i));
                name = twin.name();
                username = twin.username();
            } else if (i > 0 && roll < 15) {
                username = out.get(r.nextInt(i)).username();
            } else if (i > 0 && roll < 20) {
                name = "  " + out.get(r.nextInt(i)).name().strip().toUpperCase(Locale.ROOT) + " ";
            }
            int level = r.nextInt(100);
            String auth = level < 2 ? "admin" : level < 10 ? "supervisor" : "agent";
            int status = r.nextInt(10);
            out.add(Agent.builder()
                    .name(name)
                    .moh(r.nextInt(9) == 0 ? "default" : "none")
                    .userfield(TEAMS[r.nextInt(TEAMS.length)])
                    .filter(i == 0 ? "505050" : r.nextInt(25) == 0 ? "999" : "0")
                    .pin(r.nextInt(50) == 0 ? "1234" : String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000)))
                    .username(username)
                    .password("Pw-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36))
                    .phone(r.nextInt(10) == 0 ? null : String.format(Locale.ROOT, "+44 20 7946 %04d", r.nextInt(10_000)))
                    .customer("0")
                    .defaultStatus(status < 7 ? "wrap" : status < 9 ? "ready" : "away")
                    .agentVersion(r.nextInt(7) == 0 ? "1" : "2")
                    .selfserveId(Integer.toString(3101 + (int) Math.min(49, Math.abs(r.nextGaussian()) * 15)))
                    .aod(r.nextInt(5) == 0 ? "yes" : "no")
                    .authLevel(auth)
                    .authAdmin(auth.equals("admin") ? "Y" : "N")
                    .authSupervisor(auth.equals("agent") ? "N" : "Y")
                    .authReports(auth.equals("agent") ? "N" : "Y")
                    .build());
        }
        return out;
    }
}
