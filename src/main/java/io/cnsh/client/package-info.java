/**
 * The typed ContactNow client: {@link io.cnsh.client.ContactNow} (built once, shared) with its
 * {@link io.cnsh.client.AgentsClient} and {@link io.cnsh.client.TokenManager}, over the Feign
 * interface {@link io.cnsh.client.ContactNowApi}, whose extension points carry what every call
 * shares: a request interceptor adds token, format and campaign, the decoder turns {@code success:false}
 * into typed failures, and the retryer renews tokens, backs off and never repeats a create that may
 * have arrived; reads described by a checked
 * {@link io.cnsh.client.AgentQuery} (or built from named arguments by {@link io.cnsh.client.ReadArguments});
 * batching, retries ({@link io.cnsh.client.RetryPolicy}),
 * typed failures ({@link io.cnsh.client.ApiException} and kin, {@link io.cnsh.client.OutcomeUnknownException}),
 * secret masking ({@link io.cnsh.client.Redactor}), profiles ({@link io.cnsh.client.Profiles}), and the
 * {@link io.cnsh.client.WriteGate} every write passes, where the production guard and
 * {@code --max-changes} sit ({@link io.cnsh.client.ChangeGuard}).
 */
package io.cnsh.client;
