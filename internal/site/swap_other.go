//go:build !linux

package site

// exchange swaps the folders a and b. Outside Linux, fupan has no atomic
// exchange (macOS's renamex_np with RENAME_SWAP would be one), so it swaps
// in steps (swapInSteps): a build killed between two of them leaves no
// site at b until the next build.
func exchange(a, b string) error { return swapInSteps(a, b) }
