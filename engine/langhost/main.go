// pulumi-language-nodejs starts Pulumi programs and policy packs written for Node.js: it speaks the engine's
// language runtime protocol and runs @pulumi/pulumi's own entry points (cmd/run, cmd/run-policy-pack).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is set at build time to the CLI's version, which this host is built beside.
var version = "dev"

func main() {
	if err := serve(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	var engine string
	for _, a := range args {
		switch {
		case a == "-version" || a == "--version":
			fmt.Println(version)
			return nil
		case strings.HasPrefix(a, "-runtime=") && a != "-runtime=nodejs":
			return fmt.Errorf("unsupported runtime %s", strings.TrimPrefix(a, "-runtime="))
		case strings.HasPrefix(a, "-"):
			// -tracing and the like
		default:
			engine = a
		}
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	if engine != "" {
		if err := rpcutil.Healthcheck(ctx, engine, 5*time.Minute, cancel); err != nil {
			return fmt.Errorf("could not start health check: %w", err)
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newNodeHost(engine))
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("could not start the language host: %w", err)
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
