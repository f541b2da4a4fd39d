package io.asmdr.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a drill did and saw; written as JSON whether the drill passed, failed or was interrupted. */
public final class DrillReport {
    private final Map<String, Object> doc = new LinkedHashMap<>();
    private Verification verification;
    private boolean interrupted;
    private String error;
    private boolean restoredOk;
    private RecoveryTimeline timeline;
    private RecoveryProbe.Settings recoverySettings;

    DrillReport(String kind, String region, String mode, String id, Instant start) {
        doc.put("drill", kind);
        doc.put("id", id);
        doc.put("status", "starting");
        doc.put("region", region);
        doc.put("mode", mode);
        doc.put("start", start.toString());
        doc.put("end", null);
        doc.put("targets", List.of());
        doc.put("scaleDownStartedAt", null);
        doc.put("scaledDownAt", null);
        doc.put("prediction", null);
        doc.put("recovery", null);
        doc.put("verification", null);
        doc.put("interrupted", false);
        doc.put("error", null);
        doc.put("restore", null);
        doc.put("passed", false);
    }

    synchronized void targets(List<Drill.Target> targets, Duration lease, String lock) {
        doc.put("targets", targets.stream().map(t -> Map.of("namespace", t.namespace(), "name", t.name(), "originalReplicas", t.originalReplicas())).toList());
        doc.put("leaseSeconds", lease.toMillis() / 1000.0);
        doc.put("lock", lock);
        doc.put("status", "lock taken; scaling down");
    }

    /** The NetworkPolicies a region-loss drill applies ({@code namespace/name}): the region's pods stay, and stop answering. */
    synchronized void blackholes(List<String> policies) {
        if (!policies.isEmpty()) {
            doc.put("blackholes", List.copyOf(policies));
            doc.put("status", "lock taken; black-holing the region");
        }
    }

    synchronized void refused(String why) {
        this.error = why;
        doc.put("error", why);
        doc.put("status", "refused: nothing was touched");
    }

    synchronized void scaleDownStarted(Instant at) {
        doc.put("scaleDownStartedAt", at.toString());
    }

    synchronized void prediction(RtoPrediction prediction) {
        doc.put("prediction", prediction.summary());
    }

    /** The recovery series from the scale-down on, its RTO against --target and the verdict against --max-rto. */
    synchronized void recovery(RecoveryTimeline timeline, RecoveryProbe.Settings settings) {
        this.timeline = timeline;
        this.recoverySettings = settings;
        var summary = timeline.summary(settings.target());
        summary.put("observeSeconds", settings.observe().toSeconds());
        summary.put("maxRtoSeconds", settings.maxRto() == null ? null : settings.maxRto().toMillis() / 1000.0);
        summary.put("verdict", recoveryVerdict());
        doc.put("recovery", summary);
    }

    /** PASS when the service came back within --observe and, if --max-rto is set, within it; FAIL otherwise; null without a series. */
    public synchronized String recoveryVerdict() {
        if (timeline == null) {
            return null;
        }
        var rto = timeline.rto(recoverySettings.target());
        if (rto.isEmpty() && doc.get("stoppedEarly") != null) {
            return "FAIL: could not come back within --max-rto " + Deadline.format(recoverySettings.maxRto()) + "; stopped and restored then";
        }
        if (rto.isEmpty()) {
            return "FAIL: not back at or above " + percent(recoverySettings.target()) + " for " + RecoveryTimeline.WINDOW_SECONDS
                    + " s in a row within --observe " + Deadline.format(recoverySettings.observe());
        }
        if (recoverySettings.maxRto() != null && rto.get() * 1000L > recoverySettings.maxRto().toMillis()) {
            return "FAIL: RTO " + rto.get() + " s is above --max-rto " + Deadline.format(recoverySettings.maxRto());
        }
        return "PASS: RTO " + rto.get() + " s" + (recoverySettings.maxRto() == null ? "" : " within --max-rto " + Deadline.format(recoverySettings.maxRto()));
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    public synchronized RecoveryTimeline recoveryTimeline() {
        return timeline;
    }

    /** The drill ended before its verification, on purpose (the recovery budget was lost): said in the report. */
    synchronized void stoppedEarly(String why) {
        doc.put("stoppedEarly", why);
        doc.put("status", "stopped early; restoring");
        if (timeline != null) {
            recovery(timeline, recoverySettings); // the verdict says why it stopped
        }
    }

    public synchronized String stoppedEarly() {
        return (String) doc.get("stoppedEarly");
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
        return verification != null && verification.passed() && restoredOk && !interrupted && error == null
                && (timeline == null || recoveryVerdict().startsWith("PASS"));
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
