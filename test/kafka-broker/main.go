// Command tripdesk-kafka runs franz-go's kfake as a one-broker Kafka cluster on
// 127.0.0.1 for TripDesk's tests: real Kafka wire protocol (produce, fetch,
// consumer groups, committed offsets), in memory, no JVM and no ZooKeeper.
//
// scripts/install-test-servers.sh builds it into ~/.cache/tripdesk/bin/tripdesk-kafka;
// test/support/kafka.ts starts it.
//
//	tripdesk-kafka -port 0 -topic deals,other -partitions 3
//
// It prints `tripdesk-kafka ready 127.0.0.1:<port>` on stdout once it accepts
// connections, and exits on SIGTERM/SIGINT or, unless -watch-stdin=false, when
// its stdin reaches EOF: a test runner that dies without cleaning up closes the
// pipe, so no broker outlives it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

func main() {
	port := flag.Int("port", 0, "port to listen on at 127.0.0.1 (0: any free port)")
	topics := flag.String("topic", "", "comma-separated topics to create at start")
	partitions := flag.Int("partitions", 1, "partitions of each -topic")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin reaches EOF")
	logLevel := flag.String("log-level", "none", "kfake log level: none, error, warn, info, debug")
	flag.Parse()

	if *partitions < 1 {
		fail("-partitions must be at least 1")
	}
	opts := []kfake.Opt{
		// Ports() with one entry also makes it a one-broker cluster: clients
		// are told about exactly the address the test gave them.
		kfake.Ports(*port),
		kfake.ClusterID("tripdesk-test"),
		// Lets tests use short session timeouts so a killed consumer's
		// partitions are reassigned in a second or two, not kfake's default 6 s.
		kfake.GroupMinSessionTimeout(100 * time.Millisecond),
		kfake.WithLogger(kfake.BasicLogger(os.Stderr, parseLevel(*logLevel))),
	}
	if names := splitList(*topics); len(names) > 0 {
		opts = append(opts, kfake.SeedTopics(int32(*partitions), names...))
	}

	cluster, err := kfake.NewCluster(opts...)
	if err != nil {
		fail(fmt.Sprintf("cannot start: %v", err))
	}
	addrs := cluster.ListenAddrs()
	if len(addrs) != 1 {
		cluster.Close()
		fail(fmt.Sprintf("expected one listener, got %v", addrs))
	}
	fmt.Printf("tripdesk-kafka ready %s\n", addrs[0])

	done := make(chan string, 2)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() { done <- (<-sigs).String() }()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			done <- "stdin closed"
		}()
	}
	reason := <-done
	fmt.Fprintf(os.Stderr, "tripdesk-kafka: %s, shutting down\n", reason)

	closed := make(chan struct{})
	go func() {
		cluster.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		fmt.Fprintln(os.Stderr, "tripdesk-kafka: close took over 5 s, exiting anyway")
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseLevel(s string) kfake.LogLevel {
	switch strings.ToLower(s) {
	case "debug":
		return kfake.LogLevelDebug
	case "info":
		return kfake.LogLevelInfo
	case "warn":
		return kfake.LogLevelWarn
	case "error":
		return kfake.LogLevelError
	default:
		return kfake.LogLevelNone
	}
}

func fail(msg string) {
	fmt.Fprintf(os.Stderr, "tripdesk-kafka: %s\n", msg)
	os.Exit(2)
}
