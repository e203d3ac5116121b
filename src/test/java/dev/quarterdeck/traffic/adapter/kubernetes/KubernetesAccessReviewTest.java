package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.Shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.AccessReview.Decision;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.Permission;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SelfSubjectAccessReviews against the test server. The CRUD server does not evaluate reviews (it refuses
 * one without a name with 422, and would store one with a name as it is, without a decision), so the API
 * server's answers are staged: a small authorizer that reads each posted review and answers like RBAC does.
 */
class KubernetesAccessReviewTest {
    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private static final Permission GET_INGRESSES = new Permission("get", "networking.k8s.io", "ingresses", "shop",
            "ingress-nginx router: read the canary weight");
    private static final Permission PATCH_INGRESSES = new Permission("patch", "networking.k8s.io", "ingresses",
            "shop", "ingress-nginx router: set the canary weight");
    private static final Permission GET_SECRETS = new Permission("get", "", "secrets", "shop", "probe db-secret");

    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();
    private final KubernetesClient client = Clients.withoutRetries(cluster);
    private final AccessReview review = new KubernetesAccessReview(client);
    private final List<ResourceAttributes> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void eachPermissionIsAskedAndAnsweredWithTheServersReason() throws Exception {
        cluster.expect().post().withPath(REVIEWS).andReply(201, request -> {
            SelfSubjectAccessReview posted = client.getKubernetesSerialization()
                    .unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
            ResourceAttributes attributes = posted.getSpec().getResourceAttributes();
            asked.add(attributes);
            boolean allowed = !("patch".equals(attributes.getVerb()) && "ingresses".equals(attributes.getResource()));
            posted.setStatus(allowed
                    ? new SubjectAccessReviewStatusBuilder().withAllowed(true).withReason("RBAC: allowed by "
                            + "RoleBinding \"release-captains/shop\" of Role \"reader\" to User \"ana\"").build()
                    : new SubjectAccessReviewStatusBuilder().withAllowed(false)
                            .withReason("no RBAC policy matched").build());
            return client.getKubernetesSerialization().asJson(posted);
        }).always();

        List<Decision> decisions = review.review(List.of(GET_INGRESSES, PATCH_INGRESSES, GET_SECRETS));

        assertThat(decisions).containsExactly(
                new Decision(GET_INGRESSES, true,
                        "RBAC: allowed by RoleBinding \"release-captains/shop\" of Role \"reader\" to User \"ana\""),
                new Decision(PATCH_INGRESSES, false, "no RBAC policy matched"),
                new Decision(GET_SECRETS, true,
                        "RBAC: allowed by RoleBinding \"release-captains/shop\" of Role \"reader\" to User \"ana\""));
        assertThat(asked).extracting(a -> a.getVerb() + " " + a.getResource() + "." + a.getGroup() + " in "
                + a.getNamespace()).containsExactly("get ingresses.networking.k8s.io in shop",
                        "patch ingresses.networking.k8s.io in shop", "get secrets. in shop");
    }

    @Test
    void anAuthorizerThatCouldNotDecideSaysWhy() throws Exception {
        cluster.expect().post().withPath(REVIEWS).andReply(201, request -> {
            SelfSubjectAccessReview posted = client.getKubernetesSerialization()
                    .unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
            posted.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(false).withDenied(false)
                    .withEvaluationError("webhook authorizer timed out").build());
            return client.getKubernetesSerialization().asJson(posted);
        }).once();

        assertThat(review.review(List.of(PATCH_INGRESSES)))
                .containsExactly(new Decision(PATCH_INGRESSES, false, "webhook authorizer timed out"));
    }

    @Test
    void theTestServersOwnAnswerToAReviewIsARefusalNotADecision() {
        // Nothing staged: the CRUD server validates the review like any object and wants a name.
        assertThatThrownBy(() -> review.review(List.of(GET_INGRESSES)))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("create selfsubjectaccessreviews.authorization.k8s.io: 422 Invalid")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void anAnswerWithoutADecisionIsNeitherAllowedNorDenied() {
        // A server that stores the review and hands it back, as the CRUD server would with a named review.
        cluster.expect().post().withPath(REVIEWS).andReply(201, request -> request.getUtf8Body()).once();

        assertThatThrownBy(() -> review.review(List.of(PATCH_INGRESSES)))
                .isInstanceOf(ActionException.class)
                .hasMessage("create selfsubjectaccessreviews.authorization.k8s.io (may I patch "
                        + "ingresses.networking.k8s.io in shop?): the API server answered without a decision");
    }

    @Test
    void aUserWhoMayNotEvenAskIsTold() {
        cluster.expect().post().withPath(REVIEWS).andReturn(403, Shop.status(403, "Forbidden",
                "selfsubjectaccessreviews.authorization.k8s.io is forbidden: User \"system:anonymous\" cannot "
                        + "create resource \"selfsubjectaccessreviews\"")).once();

        assertThatThrownBy(() -> review.review(List.of(GET_INGRESSES)))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("create selfsubjectaccessreviews.authorization.k8s.io: 403 Forbidden (the "
                        + "current user may not create selfsubjectaccessreviews.authorization.k8s.io)")
                .hasMessageContaining("system:anonymous")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }
}
