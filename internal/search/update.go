package search

// Update counts what Open found changed since the index was last updated.
type Update struct {
	Added, Changed, Deleted, Unchanged int

	// Rebuilt says whether the index was built from scratch, and why.
	Rebuilt Rebuild
	// Why is what was found wrong with the index or its folder, for
	// OtherVersion, Damaged and MemoryFallback: "of another version
	// (v1; …)", "damaged (…)", the error that kept the folder unused.
	Why string
}

// A Rebuild says whether, and why, Open built an index from scratch.
type Rebuild int

const (
	Kept           Rebuild = iota // not rebuilt: opened as it was, or updated in place
	NoIndex                       // there was no index yet
	OtherVersion                  // the index was of another version
	Damaged                       // the index was damaged
	InMemory                      // built in memory, as asked: no state folder, or reviews as given
	MemoryFallback                // built in memory, since the state folder could not be used
)

var rebuildNames = [...]string{"kept", "no index yet", "of another version", "damaged", "in memory", "in memory, the folder unusable"}

func (r Rebuild) String() string {
	if r < 0 || int(r) >= len(rebuildNames) {
		return "Rebuild(?)"
	}
	return rebuildNames[r]
}
