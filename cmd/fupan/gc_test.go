package main

import (
	"strings"
	"testing"
)

func TestCollectsLess(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want bool
	}{
		{"search", []string{"search", "ConnectTimeout"}, nil, true},
		{"build", []string{"build"}, nil, false},
		{"a query that names a command", []string{"similar", "search"}, nil, false},
		{"no command", nil, nil, false},
		{"GOGC set", []string{"search", "x"}, map[string]string{"GOGC": "100"}, false},
		{"GOMEMLIMIT set", []string{"search", "x"}, map[string]string{"GOMEMLIMIT": "1GiB"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := collectsLess(tt.args, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("collectsLess(%q, %v) = %v, want %v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}

func TestLimitsBuildMemory(t *testing.T) {
	env := func(gomemlimit string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return gomemlimit
			}
			return ""
		}
	}
	for cmdline, want := range map[string]bool{
		"build --out site": true,
		"search build":     false,
		"":                 false,
	} {
		if got := limitsBuildMemory(strings.Fields(cmdline), env("")); got != want {
			t.Errorf("limitsBuildMemory(%q) = %v, want %v", cmdline, got, want)
		}
	}
	if limitsBuildMemory([]string{"build"}, env("2GiB")) {
		t.Error("a build with GOMEMLIMIT set: fupan's limit, want the environment's")
	}
}

func TestBuildMemoryFor(t *testing.T) {
	for _, tt := range []struct {
		reviews int
		want    int64
	}{
		{0, buildMemoryLimit},
		{1_000, buildMemoryLimit},
		{10_000, buildMemoryLimit},
		{20_000, 2 * buildMemoryLimit},
		{100_000, 10 * buildMemoryLimit},
	} {
		if got := buildMemoryFor(tt.reviews); got != tt.want {
			t.Errorf("buildMemoryFor(%d) = %d MiB, want %d MiB", tt.reviews, got>>20, tt.want>>20)
		}
	}
}
