package io.asmdr.ops;

import java.nio.file.Files;
import java.nio.file.Path;
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

    DrillReport(String region, String mode, Instant start) {
        doc.put("drill", "failover");
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

    synchronized void targets(List<Drill.Target> targets) {
        doc.put("targets", targets.stream().map(t -> Map.of("namespace", t.namespace(), "name", t.name(), "originalReplicas", t.originalReplicas())).toList());
    }

    synchronized void scaledDown(Instant at) {
        doc.put("scaledDownAt", at.toString());
    }

    synchronized void verification(Verification v) {
        this.verification = v;
        doc.put("verification", v.summary());
    }

    synchronized void interrupted() {
        this.interrupted = true;
        doc.put("interrupted", true);
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
    }

    synchronized void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Verify.JSON.writeValueAsString(doc));
        } catch (java.io.IOException e) {
            error = (error == null ? "" : error + "; ") + "report not written: " + e.getMessage();
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
