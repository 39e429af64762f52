"""xAPI 1.0.3 statements resource (docs/xapi.md): reading and checking what a platform sends
(statements), and who is sending it (auth). What a statement becomes is in
courses.services.xapi; which statements count is courses.policy.xapi."""
