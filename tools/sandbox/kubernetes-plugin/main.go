// The pulumi-kubernetes provider plugin, built from its Go module for the sandbox (tools/sandbox-binaries.sh).
// The released binary is a main package that embeds the provider's schema and its terraform mapping; the Go
// module ships both JSON files beside its own main, so tools/sandbox-binaries.sh copies them next to this file
// under the names below before it builds. provider.Serve is the module's entry point
// (provider/v4/pkg/provider/main.go at tag v4.25.0).
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var schema []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
