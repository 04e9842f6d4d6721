# The CAP page: the run's settings, the clock and its pauses, each mode's
# panel (diagram, verdict, numbers, timeline, operations), the fault
# schedule, the AWS services table, and the scenarios, modes, operations,
# outcomes and verdicts the engine sends as codes. English reads as the
# CLI's (the Display impls in crates/api/src/cap.rs).

## The run's settings
cap-seed = seed
cap-nodes = data centers
cap-siblings = AP keeps siblings
cap-siblings-help = AP conflict resolution: version vectors keep concurrent writes side by side
cap-quorum = also quorum
cap-quorum-none = none
cap-quorum-nrw = N,R,W = { $nrw }

## The clock
cap-play = Play
cap-pause = Pause
cap-step = Step +25 ms
cap-speed-help = playback pace
cap-pace-events = pause at events
cap-time = time into the run
cap-paused-at = Paused at t = { $ms } ms:
cap-paused-op = { $panel }: { $operation }
cap-continue = Continue
cap-panel-cp = CP
cap-panel-ap = AP
cap-panel-quorum = Quorum

## The page
cap-simulating = Simulating…
cap-fault-schedule = Fault schedule: { $faults }. Click a link to cut or heal it, a node to crash or restart it, at the current time.
cap-clear-faults = Remove my faults
cap-scenario = scenario
cap-unknown-scenario = There is no scenario “{ $scenario }”. Pick one of these:
cap-services-title = AWS services and the modes that model them
cap-service = Service
cap-service-cap = CAP
cap-service-consistency = Consistency
cap-service-use-case = Use case
cap-service-simulated-as = Simulated as

## The fault schedule
cap-faults-none = none
cap-fault-at = { $fault } at { $ms } ms
cap-fault-cut = cut { $a }{ $arrow }{ $b }
cap-fault-split = split {"{"}{ $side }{"}"} from the rest
cap-fault-isolate = isolate { $node }
cap-fault-crash = crash { $node }
cap-fault-restart = restart { $node }
cap-fault-heal-link = heal { $a }↔{ $b }
cap-fault-heal-all = heal all

## The diagram
cap-link-cut = { $a } ↔ { $b }: click to cut
cap-link-heal = { $a } ↔ { $b }: click to heal
cap-node-crash = { $node }: click to crash
cap-node-restart = { $node }: click to restart

## A mode's panel
cap-linearizable = Linearizable
cap-linearizable-so-far = Linearizable so far
cap-not-linearizable-since = Not linearizable since { $ms } ms
cap-verdict-explain = On key { $key } no order of these operations fits their times: the last one cannot take effect anywhere between its start and its end. Click one to see it on the timeline.
cap-verdict-later = Nothing has gone wrong yet: the checker finds the first violation at { $ms } ms.
cap-undecided = Undecided: { $explored } states explored on key { $key }
cap-rejected-writes = rejected writes
cap-stale-reads = stale reads
cap-stale-of = { $stale } of { $reads }
cap-latency-normal = latency p50 / p99, normal
cap-latency-faults = latency p50 / p99, during faults
cap-replication-lag = replication lag (mean)
cap-availability = availability
cap-events-hash = events / log hash
cap-op-at = node
cap-op-key = key
cap-op-operation = operation
cap-op-result = result
cap-result-stale = stale
cap-outcome-ok = ok
cap-outcome-fail = rejected
cap-outcome-info = unknown
# An operation: where, which key, what, how it ended, when.
cap-operation = { $node } { $key } { $op } — { $outcome } ({ $from }–{ $to } ms)
# A bar of the timeline.
cap-bar = { $key } { $label } { $outcome } ({ $note }; { $from }–{ $to } ms)
cap-bar-violation = in the violation
cap-bar-jump = click to jump

## The timeline's zoom
cap-zoom = zoom the timeline
cap-zoom-in = zoom in
cap-zoom-out = zoom out

## Scenarios: titles and stories
cap-scenario-normal = 1. Normal operation
cap-scenario-partition-cp = 2. Network partition — CP chooses consistency
cap-scenario-partition-ap = 3. Network partition — AP chooses availability
cap-scenario-heal = 4. Partition healing
cap-scenario-random = Random workload
cap-story-normal = Every data center is healthy. A write from us-east is acknowledged by a majority, and a strong read from europe a moment later returns it: consistent and available, because nothing is broken.
cap-story-partition-cp = The network splits us-east and europe from us-west and asia. Neither half holds a majority of the four data centers, so the CP system refuses writes and strong reads on both sides rather than let the halves disagree.
cap-story-partition-ap = The same split, under AP. us-west accepts the write and answers at once; asia, on its side, sees it; europe, across the partition, still answers — with old data. The checker flags that read.
cap-story-heal = During the split the CP write is refused. Once the network heals, the same write succeeds, reaches every data center, and strong reads everywhere agree.
cap-story-random = Clients at every data center read and write three keys at random; the network splits 2–2 at 30% of the run and heals at 70%.

## Modes
cap-mode-cp = CP — majority quorum, strong reads
cap-mode-ap = AP — accept anywhere, last writer wins, eventual reads
cap-mode-ap-siblings = AP — accept anywhere, version vectors keep concurrent writes as siblings, eventual reads
cap-mode-quorum = Quorum N={ $n } R={ $r } W={ $w }, strong reads

## Operations
cap-op-read = read
cap-op-read-value = read → { $value }
cap-op-read-siblings = read → siblings {"{"}{ $values }{"}"}
cap-op-write = write { $value }
cap-op-cas = cas [{ $from }, { $to }]

## Messages between data centers
cap-message-query = query
cap-message-query-reply = query-reply
cap-message-store = store
cap-message-store-ack = store-ack

## The AWS services table
cap-class-cp = CP
cap-class-ap = AP
cap-consistency-eventual-strong-on-request = Eventual consistency by default, strong consistency available
cap-consistency-strong-in-region = Strong consistency within region
cap-consistency-strong-configurable-reads = Strong consistency with configurable read preferences
cap-consistency-eventual-cluster-mode = Eventual consistency in cluster mode
cap-use-case-high-scale = high-scale applications
cap-use-case-gaming-leaderboards = gaming leaderboards
cap-use-case-iot = IoT
cap-use-case-oltp = OLTP applications
cap-use-case-financial = financial systems
cap-use-case-content-management = content management
cap-use-case-catalogs = catalogs
cap-use-case-session-storage = session storage
cap-use-case-real-time-analytics = real-time analytics
