// pulumi-resource-command serves command:remote:Command with the inputs, defaults, diff, outputs and SSH
// client behaviour of @pulumi/command 1.2.1, for machines that cannot download that provider's release.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func main() {
	if err := serve(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-resource-command:", err)
		os.Exit(1)
	}
}

// serve speaks the plugin protocol: connect to the engine named by the first argument, listen on a free port,
// print it, and serve until the engine goes away or interrupts.
func serve(args []string) error {
	if len(args) == 1 && args[0] == "-version" {
		fmt.Println(pluginVersion)
		return nil
	}
	var rest []string
	for _, a := range args {
		if len(a) > 0 && a[0] == '-' {
			continue // -tracing and the like
		}
		rest = append(rest, a)
	}
	if len(rest) != 1 {
		return fmt.Errorf("expected the engine's address as the only argument")
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	conn, err := grpc.NewClient(rest[0], grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		return fmt.Errorf("could not connect to the engine: %w", err)
	}
	defer conn.Close()
	if err := rpcutil.Healthcheck(ctx, rest[0], 5*time.Minute, cancel); err != nil {
		return err
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	provider := newCommandProvider(pulumirpc.NewEngineClient(conn))
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, provider)
			return nil
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
