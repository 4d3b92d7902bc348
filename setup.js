// Adds the cdktf matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
const { Testing } = require("cdktf");
Testing.setupJest();
