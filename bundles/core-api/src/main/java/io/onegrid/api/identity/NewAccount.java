package io.onegrid.api.identity;

import java.util.Set;

/**
 * What it takes to create an account.
 *
 * @param password at least 10 characters, not the user name; stored only as a slow hash
 */
public record NewAccount(String username, String displayName, String phone, String password, String regionCode,
        String departmentCode, Set<String> roles) {
}
