package progress

import (
	"sync"
	"sync/atomic"
)

// A Recorder is a Reporter that keeps what it is told, for tests of the
// code that reports.
type Recorder struct {
	mu     sync.Mutex
	Phases []*Recorded // in the order started
}

// Recorded is one phase as a Recorder saw it.
type Recorded struct {
	Name, Noun string
	Total      int
	count      atomic.Int64
	done       atomic.Int32
}

// Count is the steps done; Done, how often Done was called.
func (p *Recorded) Count() int { return int(p.count.Load()) }
func (p *Recorded) Done() int  { return int(p.done.Load()) }

func (r *Recorder) Start(name, noun string, total int) Phase {
	p := &Recorded{Name: name, Noun: noun, Total: total}
	r.mu.Lock()
	r.Phases = append(r.Phases, p)
	r.mu.Unlock()
	return recordedPhase{p}
}

type recordedPhase struct{ p *Recorded }

func (r recordedPhase) Add(n int) { r.p.count.Add(int64(n)) }
func (r recordedPhase) Done()     { r.p.done.Add(1) }
