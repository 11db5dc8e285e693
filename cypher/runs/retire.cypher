// A service instance stops cleanly: without its heartbeat, its unfinished runs can be taken over at once.
MATCH (i:ServiceInstance {id: $instance})
DELETE i
