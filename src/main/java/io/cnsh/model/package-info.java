/**
 * Value types of the ContactNow agents API with no I/O: {@link io.cnsh.model.Agent} and its
 * documented {@link io.cnsh.model.AgentField}s, {@link io.cnsh.model.WriteResult},
 * {@link io.cnsh.model.AgentPage}, {@link io.cnsh.model.TokenGrant}, {@link io.cnsh.model.ApiError},
 * the read's {@link io.cnsh.model.StatementFilter} grammar (shared by the client and the sandbox),
 * secret masking ({@link io.cnsh.model.Secrets}), "did you mean" hints ({@link io.cnsh.model.NameHints})
 * and the root {@link io.cnsh.model.ContactNowException}. One exception to "no I/O":
 * {@link io.cnsh.model.OwnerOnlyFiles}, the one maker of owner-only files and directories, lives here
 * because every part, the sandbox included, may import {@code model}.
 */
package io.cnsh.model;
