//go:build !linux

package site

import "testing"

// atomicExchange reports whether exchange swaps in one step: not outside
// Linux.
func atomicExchange(*testing.T) bool { return false }
