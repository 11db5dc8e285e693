// A service instance says it is alive; runs it owns are not taken over while it does.
MERGE (i:ServiceInstance {id: $instance})
SET i.heartbeatAt = $now
