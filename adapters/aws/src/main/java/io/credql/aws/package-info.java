/**
 * AWS for credql: Signature Version 4 request signing (with the AWS SDK's own signer), the rules
 * RDS applies to master passwords
 * and the documents of RDS and Secrets Manager bundled in this jar. The simulator of both services
 * (which verifies every signature itself) is in {@code credql-aws-simulator}, for the sandbox and tests.
 */
package io.credql.aws;
