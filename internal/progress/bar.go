package progress

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Bar returns a reporter that draws a progress bar of each phase on the
// terminal f while it runs, then clears it and prints the phase's summary
// line, as [Summary] does.
func Bar(f *os.File, prefix string) Reporter {
	return &bar{summary: summary{w: f, prefix: prefix, now: time.Now}, f: f}
}

type bar struct {
	summary
	f *os.File
}

func (b *bar) Start(name, noun string, total int) Phase {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(b.f),
		progressbar.OptionSetDescription(b.prefix + ": " + name),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
	}
	unknown := total <= 0
	if unknown {
		// A spinner and the time taken, redrawn while nothing is counted.
		total = -1
		opts = append(opts, progressbar.OptionSetSpinnerChangeInterval(100*time.Millisecond))
	} else {
		// How many of how many, the rate and the time left.
		opts = append(opts,
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString(noun+"s"),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(true))
	}
	pb := progressbar.NewOptions(total, opts...)
	if unknown {
		pb.RenderBlank() // starts the spinner
	}
	return &barPhase{counter: counter{s: &b.summary, name: name, noun: noun, start: time.Now()}, pb: pb}
}

type barPhase struct {
	counter
	pb *progressbar.ProgressBar
}

func (p *barPhase) Add(n int) {
	p.counter.Add(n)
	p.pb.Add(n) // the bar's own lock; it draws at most every 100 ms
}

func (p *barPhase) Done() {
	if p.done.Load() {
		return
	}
	p.pb.Finish()
	p.pb.Clear()
	p.counter.Done()
}
