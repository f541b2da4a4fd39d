// asm-dr-etcd: the etcd that the sandbox's Kubernetes API servers share (docs/sandbox.md). It is etcd's own server
// (go.etcd.io/etcd/server/v3/embed, the package etcd's CLI is built on) with a single member that listens on
// 127.0.0.1 only; each API server keeps its objects under its own --etcd-prefix. Built by tools/sandbox-binaries.sh.
//
//	asm-dr-etcd -data-dir DIR -client-port N -peer-port M
//
// It prints "ready" on stdout once it serves, and shuts down cleanly on SIGTERM or SIGINT.
package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.etcd.io/etcd/api/v3/version"
	"go.etcd.io/etcd/server/v3/embed"
)

func main() {
	dataDir := flag.String("data-dir", "", "directory of the member's data (created when absent)")
	clientPort := flag.Int("client-port", 0, "loopback port the API servers connect to")
	peerPort := flag.Int("peer-port", 0, "loopback port of the (unused) peer listener a member must have")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	showVersion := flag.Bool("version", false, "print the etcd version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("asm-dr-etcd (etcd server " + version.Version + ")")
		return
	}
	if *dataDir == "" || *clientPort <= 0 || *peerPort <= 0 {
		fmt.Fprintln(os.Stderr, "asm-dr-etcd: -data-dir, -client-port and -peer-port are required")
		os.Exit(2)
	}
	cfg := embed.NewConfig()
	cfg.Name = "asm-dr-sandbox"
	cfg.Dir = *dataDir
	cfg.LogLevel = *logLevel
	client := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", *clientPort)}
	peer := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", *peerPort)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{client}, []url.URL{client}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peer}, []url.URL{peer}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	// No metrics listener beside the client URL; the client port also answers /health.
	cfg.ListenMetricsUrls = nil

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "asm-dr-etcd: "+err.Error())
		os.Exit(1)
	}
	select {
	case <-e.Server.ReadyNotify():
		fmt.Println("ready")
	case <-time.After(120 * time.Second):
		e.Server.Stop()
		fmt.Fprintln(os.Stderr, "asm-dr-etcd: not ready within 120 s")
		os.Exit(1)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-stop:
		e.Close()
	case err := <-e.Err():
		fmt.Fprintln(os.Stderr, "asm-dr-etcd: "+err.Error())
		e.Close()
		os.Exit(1)
	}
}
