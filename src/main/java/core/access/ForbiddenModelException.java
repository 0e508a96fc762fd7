package core.access;

/** The caller's key may not use this model (it matches none of the key's patterns), or manage models. 403. */
public final class ForbiddenModelException extends RuntimeException {

    public ForbiddenModelException(String key, String model) {
        this("key '" + key + "' may not use model '" + model + "'");
    }

    private ForbiddenModelException(String message) {
        super(message);
    }

    /** A key limited to some models may not change what nodes hold. */
    public static ForbiddenModelException management(String key) {
        return new ForbiddenModelException("key '" + key + "' is limited to some models, so it may not pull, push,"
                + " create, copy or delete models");
    }
}
