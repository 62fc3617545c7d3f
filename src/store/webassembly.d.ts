// Node runs WebAssembly, but @types/node 20 does not type it, and lib "dom" would bring in every
// browser global: these are the parts digest.ts uses.
declare namespace WebAssembly {
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
  interface Global {
    value: number;
  }
  const Module: new (bytes: Uint8Array) => object;
  const Instance: new (module: object) => Instance;
}
