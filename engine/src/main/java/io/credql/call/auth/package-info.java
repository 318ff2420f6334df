/** The generic authentication schemes of StackQL's {@code config.auth}: bearer, api_key, basic, null_auth. */
package io.credql.call.auth;
