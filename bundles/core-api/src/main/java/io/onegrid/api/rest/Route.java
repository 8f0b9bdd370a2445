package io.onegrid.api.rest;

import org.osgi.annotation.versioning.ProviderType;

/** A declared route; the methods describe it for the OpenAPI document and tell the REST layer how to treat it. */
@ProviderType
public interface Route {

    /** One line saying what the route does. */
    Route summary(String summary);

    /** Groups routes in the OpenAPI document, e.g. {@code settings}. */
    Route tag(String tag);

    /** Documents a query parameter. */
    Route queryParam(String name, String description);

    /** Documents the standard {@code page}, {@code size} and {@code sort} parameters. */
    Route paged();

    /** The JSON request body this route reads with {@link RestRequest#body(Class)}; the route then requires a body. */
    Route accepts(Class<?> bodyType);

    /**
     * A non-JSON request body this route reads raw with {@link RestRequest#bodyStream()}, e.g. {@code text/csv}; several
     * types separated by commas, or a family such as {@code image/*}. Other types are refused with 415.
     */
    Route consumes(String mediaType);

    /** The JSON type answered on success (documentation). */
    Route returns(Class<?> type);

    /** The route answers a {@link io.onegrid.api.paging.Page} of this item type (documentation). */
    Route returnsPage(Class<?> itemType);

    /** Answers without sign-in (health, public reads). Routes need an authenticated caller otherwise. */
    Route anonymous();

    /** The named permission the caller must hold, e.g. {@code settings.write}. */
    Route permission(String permission);
}
