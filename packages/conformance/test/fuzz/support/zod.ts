// The zod the validators build their protocol schemas with (the same version core uses).
export { z } from "zod";
