// A service instance (or the batch CLI) says it is alive until $expiresAt (epoch ms); runs it
// owns are not taken over before then. The expiry is the instance's own (3 of its heartbeats),
// so instances with different heartbeat settings judge each other right.
MERGE (i:ServiceInstance {id: $instance})
SET i.heartbeatAt = $now, i.expiresAt = $expiresAt
