package org.mfs.platform.security;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Adds the roles a verified identity's roles imply, so that one role check means the same in every service and
 * with every provider (a provider need not model composite roles): {@code admin} implies all roles;
 * {@code editor}, {@code committee} and {@code monitor} imply {@code viewer}.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> implied = implied(identity.getRoles());
        if (implied.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(implied).build());
    }

    /** The roles {@code roles} imply and do not already contain. */
    static Set<String> implied(Set<String> roles) {
        Set<String> add = new HashSet<>();
        if (roles.contains(Roles.ADMIN)) {
            add.addAll(Set.of(Roles.VIEWER, Roles.EDITOR, Roles.COMMITTEE, Roles.MONITOR));
        }
        if (roles.contains(Roles.EDITOR) || roles.contains(Roles.COMMITTEE) || roles.contains(Roles.MONITOR)) {
            add.add(Roles.VIEWER);
        }
        add.removeAll(roles);
        return add;
    }
}
