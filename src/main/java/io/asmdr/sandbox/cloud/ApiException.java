package io.asmdr.sandbox.cloud;

/**
 * An error answer of the emulated cloud, in Alibaba's shape ({@code Code}, {@code Message}, HTTP status).
 * The provider reads them as the real ones: 404 or a message matching "NotFound" is a missing resource
 * (terraform-provider-alicloud errors.go {@code NotFoundError}); {@code ServiceUnavailable} and any
 * 5xx are retried ({@code NeedRetry}); a 400 fails the step with the message.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    /** What the emulator does not implement: a refusal that names it, never a fake success. */
    public static ApiException notImplemented(ApiRequest request, String what) {
        return new ApiException(400, "Sandbox.NotImplemented",
                "the asm-dr sandbox does not implement " + request.describe() + (what.isEmpty() ? "" : ": " + what));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
