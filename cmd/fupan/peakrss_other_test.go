//go:build !unix

package main

import "os"

// peakRSS is 0 where the system gives no peak resident set size.
func peakRSS(*os.ProcessState) int64 { return 0 }
