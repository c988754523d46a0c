package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Exit codes.
const (
	exitOK       = 0 // success; for check: no error (warnings allowed)
	exitFindings = 1 // check found errors; a command's work failed
	exitUsage    = 2 // a usage or I/O failure
)

// An exitError ends a command with an exit code other than exitUsage, the
// code of a plain error, or with no message of its own.
type exitError struct {
	code int
	err  error // nil: the command has printed what there is to say
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// failed marks err as a failure of a command's work (exit code 1), such as
// a build that found errors in the reviews, rather than of its use.
func failed(err error) error { return &exitError{code: exitFindings, err: err} }

// silent ends a command with code and no message: the command, or the
// flag package, has printed what there is to say.
func silent(code int) error { return &exitError{code: code} }

// report prints what a command returned, once, as "fupan CMD: ERR" on w,
// and returns the exit code: 0 for no error and for -h (flag.ErrHelp),
// the code an exitError carries, exitUsage for any other error.
func report(w io.Writer, cmd string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	code := exitUsage
	if e, ok := errors.AsType[*exitError](err); ok {
		code = e.code
		if e.err == nil {
			return code
		}
	}
	linef(w, "fupan %s: %v", cmd, err)
	return code
}
