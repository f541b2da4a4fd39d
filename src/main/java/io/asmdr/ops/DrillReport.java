package io.asmdr.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a drill did and saw; written as JSON whether the drill passed, failed or was interrupted. */
public final class DrillReport {
    private final Map<String, Object> doc = new LinkedHashMap<>();
    private Verification verification;
    private boolean interrupted;
    private String error;
    private boolean restoredOk;

    DrillReport(String region, String mode, String id, Instant start) {
        doc.put("drill", "failover");
        doc.put("id", id);
        doc.put("status", "starting");
        doc.put("region", region);
        doc.put("mode", mode);
        doc.put("start", start.toString());
        doc.put("end", null);
        doc.put("targets", List.of());
        doc.put("scaledDownAt", null);
        doc.put("verification", null);
        doc.put("interrupted", false);
        doc.put("error", null);
        doc.put("restore", null);
        doc.put("passed", false);
    }

    synchronized void targets(List<Drill.Target> targets, Instant leaseExpires, String lock) {
        doc.put("targets", targets.stream().map(t -> Map.of("namespace", t.namespace(), "name", t.name(), "originalReplicas", t.originalReplicas())).toList());
        doc.put("leaseExpires", leaseExpires.toString());
        doc.put("lock", lock);
        doc.put("status", "lock taken; scaling down");
    }

    synchronized void refused(String why) {
        this.error = why;
        doc.put("error", why);
        doc.put("status", "refused: nothing was touched");
    }

    synchronized void scaledDown(Instant at) {
        doc.put("scaledDownAt", at.toString());
        doc.put("status", "scaled down; verifying");
    }

    synchronized void verification(Verification v) {
        this.verification = v;
        doc.put("verification", v.summary());
        doc.put("status", "verified; restoring");
    }

    synchronized void interrupted() {
        this.interrupted = true;
        doc.put("interrupted", true);
        doc.put("status", "interrupted; restoring");
    }

    synchronized void error(String message) {
        this.error = message;
        doc.put("error", message);
    }

    synchronized void restore(Map<String, Object> result) {
        this.restoredOk = Boolean.TRUE.equals(result.get("ok"));
        doc.put("restore", result);
    }

    synchronized void end(Instant at) {
        doc.put("end", at.toString());
        doc.put("passed", passed());
        if (!String.valueOf(doc.get("status")).startsWith("refused")) {
            doc.put("status", (interrupted ? "interrupted" : "finished") + (restoredOk ? ", restored" : ", RESTORE FAILED"));
        }
    }

    /** Written whole to a temporary file and moved into place: a reader never sees half a report. False when it could not be. */
    synchronized boolean write(Path file) {
        try {
            var target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            var tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(tmp, Verify.JSON.writeValueAsString(doc));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            error = (error == null ? "" : error + "; ") + "report not written: " + e.getMessage();
            return false;
        }
    }

    public synchronized boolean passed() {
        return verification != null && verification.passed() && restoredOk && !interrupted && error == null;
    }

    public synchronized boolean restoredOk() {
        return restoredOk;
    }

    public synchronized boolean wasInterrupted() {
        return interrupted;
    }

    public synchronized String errorMessage() {
        return error;
    }

    public synchronized Verification verificationResult() {
        return verification;
    }

    public synchronized Map<String, Object> document() {
        return new LinkedHashMap<>(doc);
    }
}
