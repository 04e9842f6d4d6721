# The CAP page: the run's settings, the clock, each mode's panel (diagram,
# verdict, numbers, timeline, operations), the fault schedule and the AWS
# services table's headings. Scenario titles and stories, verdicts,
# operation labels and the services themselves come from the engine.

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
cap-speed-help = playback speed

## The page
cap-simulating = Simulating…
cap-fault-schedule = Fault schedule: { $faults }. Click a link to cut or heal it, a node to crash or restart it, at the current time.
cap-clear-faults = Remove my faults
cap-speed = Simulated { $events } events ({ $runs }) and checked the histories in { $ms } ms in the worker: { $rate } events/s.
cap-runs = CP and AP
cap-runs-with-quorum = CP, AP and quorum
cap-services-title = AWS services and the modes that model them
cap-service = Service
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
cap-not-linearizable = Not linearizable
cap-undecided = Undecided
cap-rejected-writes = rejected writes
cap-stale-reads = stale reads
cap-stale-of = { $stale } of { $reads }
cap-latency-normal = latency p50 / p99, normal
cap-latency-faults = latency p50 / p99, during faults
cap-replication-lag = replication lag (mean)
cap-availability = availability
cap-events-hash = events / log hash
cap-op-at = at
cap-op-key = key
cap-op-operation = operation
cap-op-result = result
cap-result-rejected = rejected
cap-result-unknown = unknown
cap-result-stale = stale
cap-result-ok = ok
# A bar of the timeline: the outcome as the engine sends it (ok, fail,
# info) or stale.
cap-bar = { $key } { $label } { $outcome } ({ $note }; { $from }–{ $to } ms)
cap-bar-violation = in the violation
cap-bar-jump = click to jump
