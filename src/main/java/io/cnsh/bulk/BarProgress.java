package io.cnsh.bulk;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress as a bar redrawn in place on standard error (with the rate and the time left). */
final class BarProgress implements Progress {

    private ProgressBar bar;

    @Override
    public void start(String task, long total) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" rows", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                .build();
        bar.setExtraMessage(", 0 bad");
    }

    @Override
    public void update(long done, long bad) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(", " + bad + " bad");
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
