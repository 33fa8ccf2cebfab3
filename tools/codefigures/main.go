// Command codefigures prints the figures issue 8 asks for about the shape
// of the code: non-test Go files and their lines, functions over 80 lines,
// and how far storage still leans on the access rules. It reads the source
// with go/ast only, so that it runs anywhere the repository is checked out:
//
//	go run ./tools/codefigures [root]
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	f, err := measure(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "codefigures:", err)
		os.Exit(1)
	}
	f.print(os.Stdout)
}

// print writes the figures as plain text, one figure a line, lists indented.
func (f figures) print(w io.Writer) {
	fmt.Fprintf(w, "non-test Go files: %d\n", len(f.files))
	fmt.Fprintf(w, "mean lines per file: %.0f\n", f.meanLines())
	fmt.Fprintln(w, "largest three:")
	for _, x := range f.largest(3) {
		fmt.Fprintf(w, "  %5d %s\n", x.lines, x.path)
	}
	over := f.filesOver(300)
	fmt.Fprintf(w, "files over 300 lines: %d\n", len(over))
	for _, x := range over {
		fmt.Fprintf(w, "  %5d %s\n", x.lines, x.path)
	}
	fmt.Fprintf(w, "functions over 80 lines: %d\n", len(f.longFuncs))
	for _, x := range f.longFuncs {
		fmt.Fprintf(w, "  %5d %s (%s)\n", x.lines, x.name, x.path)
	}
	fmt.Fprintf(w, "storage files importing internal/access: %d\n", len(f.storageImports))
	for _, p := range f.storageImports {
		fmt.Fprintf(w, "  %s\n", p)
	}
	fmt.Fprintf(w, "storage files calling access rules: %d\n", len(f.storageCalls))
	for _, c := range f.storageCalls {
		fmt.Fprintf(w, "  %s: %s\n", c.path, c.funcs)
	}
	fmt.Fprintf(w, "storage files calling other rule packages: %d\n", len(f.otherRuleCalls))
	for _, c := range f.otherRuleCalls {
		fmt.Fprintf(w, "  %s: %s\n", c.path, c.funcs)
	}
	f.printLayers(w)
}
