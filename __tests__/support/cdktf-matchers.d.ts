// Brings cdktf's jest matcher declarations (toHaveResource, toHaveResourceWithProperties, ...) into
// the type-check; setup.js registers their implementations at run time.
import "cdktf/lib/testing/adapters/jest";
