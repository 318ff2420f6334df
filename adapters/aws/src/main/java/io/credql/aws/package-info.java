/**
 * AWS for credql: Signature Version 4 request signing (with the AWS SDK's own signer), the rules
 * RDS applies to master passwords, the documents of RDS and Secrets Manager bundled in this jar,
 * and a simulator of both services that verifies every signature itself, for the sandbox and tests.
 */
package io.credql.aws;
