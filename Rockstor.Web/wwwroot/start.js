// Starts Blazor with a patient reconnection: an update restarts the appliance, and an open page comes back
// by itself once the new version answers (a restarted server no longer knows the circuit: the page reloads).
Blazor.start({ circuit: { reconnectionOptions: { maxRetries: 90, retryIntervalMilliseconds: 2000 } } });
