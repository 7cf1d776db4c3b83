package io.cnsh.sandbox

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicBoolean
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The embedded store: it survives a restart, and concurrent writers never lose or mix records. */
class StoreSpec extends Specification {

    @TempDir Path dir

    @Shared @AutoCleanup SandboxServer shared = SandboxServer.builder().seed(Seed.NONE).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(shared)

    def "a restart on the same data directory keeps agents, tokens and the id sequence, and does not re-seed"() {
        given:
        def first = SandboxServer.builder().dataDir(dir).seed(Seed.DEMO).build().start()
        def client = new LoopbackHttp(first)
        String token = client.token()
        long key = client.post("database.php?token=$token&method=agents&action=create&raw=1",
                '[{"name":"Survivor","team":"night"}]').json().get('key').longValue()
        boolean createdFirst = first.createdStore()
        first.close()

        when:
        def second = SandboxServer.builder().dataDir(dir).seed(Seed.DEMO).build().start()
        client = new LoopbackHttp(second)
        def read = client.get("database.php?token=$token&method=agents&action=read&sort=-agentid&limit=1").json()
        long next = client.post("database.php?token=$token&method=agents&action=create&raw=1", '[{"name":"Next"}]')
                .json().get('key').longValue()

        then:
        createdFirst
        !second.createdStore()
        read.get('total').intValue() == 41
        read.get('list').get(0).get('name').textValue() == 'Survivor'
        read.get('list').get(0).get('team').textValue() == 'night'
        client.token() == token
        next > key
        Files.exists(dir.resolve('cnsh-sandbox.mv.db'))

        cleanup:
        second?.close()
    }

    def "a data directory in use by another sandbox of this process is refused in one line"() {
        given:
        def first = SandboxServer.builder().dataDir(dir).build().start()

        when:
        SandboxServer.builder().dataDir(dir).build().start()

        then:
        def e = thrown(SandboxException)
        e.message == "sandbox data directory $dir is in use by another sandbox"

        cleanup:
        first?.close()
    }

    def "twenty concurrent writers lose nothing: every record is stored once, under its own increasing id"() {
        given:
        String token = http.token()
        def pool = Executors.newFixedThreadPool(20)
        def start = new CountDownLatch(1)
        def keys = new ConcurrentLinkedQueue<Long>()

        when: 'each writer creates ten batches of five agents, then updates each of its agents'
        def futures = (1..20).collect { w ->
            pool.submit({
                def client = new LoopbackHttp(shared.baseUri())
                start.await()
                def mine = []
                (1..10).each { b ->
                    def batch = (1..5).collect { i -> [name: "W$w B$b R$i".toString(), userfield: "writer-$w".toString()] }
                    def r = client.post("database.php?token=$token&method=agents&action=create&format=json&raw=1",
                            LoopbackHttp.json(batch)).json()
                    assert r.get('total').intValue() == 5 && r.get('bad').intValue() == 0
                    keys << r.get('key').longValue()
                    mine << r.get('key').longValue()
                }
                def ids = client.get("database.php?token=$token&method=agents&action=read&userfield=writer-$w")
                        .json().get('list').collect { it.get('agentid').textValue() }
                def updates = ids.collect { [agentid: it, last_broadcast_msg: "seen by $w".toString()] }
                def u = client.post("database.php?token=$token&method=agents&action=update&format=json&raw=1",
                        LoopbackHttp.json(updates)).json()
                assert u.get('total').intValue() == 50
                mine
            } as Callable<List<Long>>)
        }
        start.countDown()
        def perWriter = futures*.get()

        then:
        def all = http.get("database.php?token=$token&method=agents&action=read&filter=0").json()
        def list = all.get('list').findAll { it.get('userfield').textValue().startsWith('writer-') }
        list.size() == 1000
        list.collect { it.get('agentid').textValue() }.toSet().size() == 1000
        list.every { it.get('last_broadcast_msg').textValue() == "seen by ${it.get('userfield').textValue() - 'writer-'}" }
        list.every { it.get('name').textValue().startsWith("W${it.get('userfield').textValue() - 'writer-'} ") }
        perWriter.every { it == it.toSorted() }
        keys.toSet().size() == 200

        cleanup:
        pool?.shutdownNow()
    }

    def "a multi-record create is one transaction: a concurrent reader sees all of a batch or none of it"() {
        given:
        String token = http.token()
        def writing = new AtomicBoolean(true)
        def seen = new ConcurrentLinkedQueue<Integer>()
        def reader = Thread.start {
            def client = new LoopbackHttp(shared.baseUri())
            while (writing.get()) {
                seen << client.get("database.php?token=$token&method=agents&action=read&userfield=atomic&limit=1")
                        .json().get('total').intValue()
            }
        }

        when:
        (1..15).each {
            def batch = (1..20).collect { [name: "Atomic $it", userfield: 'atomic'] }
            http.post("database.php?token=$token&method=agents&action=create&raw=1", LoopbackHttp.json(batch))
        }
        writing.set(false)
        reader.join()

        then:
        seen.size() > 0
        seen.every { it % 20 == 0 }
    }

    def "paging in agentid order gives the OFFSET's pages, also when a write moves agents between two pages"() {
        given:
        def server = SandboxServer.builder().seed(Seed.DEMO).build().start()
        def client = new LoopbackHttp(server)
        String token = client.token()
        def page = { String args ->
            def j = client.get("database.php?token=$token&method=agents&action=read$args").json()
            [total: j.get('total').longValue(), ids: j.get('list').collect { it.get('agentid').textValue() }]
        }
        def live = '&filter=' + LoopbackHttp.enc('!= 999')

        when: 'every page of 7, ascending and descending'
        def up = (0..<6).collect { page("&start=${it * 7}&limit=7") }
        def down = (0..<6).collect { page("&sort=-agentid&start=${it * 7}&limit=7") }

        then:
        up*.ids.flatten() == (550_000..550_039)*.toString()
        down*.ids.flatten() == (550_039..550_000)*.toString()
        (up + down)*.total.every { it == 40 }

        when: 'an agent of the first page of live agents is deleted before the second page is read'
        def first = page("$live&start=0&limit=10")
        client.post("database.php?token=$token&method=agents&action=update&raw=1", '[{"agentid":"550004","filter":"999"}]')
        def second = page("$live&start=10&limit=10")
        def all = page(live)

        then: 'the second page starts one agent later, as an OFFSET over the changed list does'
        first.ids.contains('550004')
        second.ids == all.ids[10..19]
        second.total == all.total

        when: 'an agent is created before the next page'
        client.post("database.php?token=$token&method=agents&action=create&raw=1", '[{"name":"Late Comer"}]')
        def third = page("$live&start=20&limit=50")

        then:
        third.ids == page(live).ids[20..-1]
        third.ids.last() == '550040'

        cleanup:
        server?.close()
    }

    def "reset empties the store, restarts ids and applies a seed"() {
        given:
        def server = SandboxServer.builder().seed(Seed.NONE).build().start()
        def client = new LoopbackHttp(server)
        String token = client.token()
        client.post("database.php?token=$token&method=agents&action=create&raw=1", '[{"name":"Gone soon"}]')

        when:
        server.reset(Seed.DEMO)
        def r = client.get("database.php?token=$token&method=agents&action=read&limit=1").json()

        then:
        r.get('total').intValue() == 40
        r.get('list').get(0).get('agentid').textValue() == '550000'

        cleanup:
        server?.close()
    }
}
