// How much CPU an environment of a given memory size gets. Lambda allocates
// CPU in proportion to memory: 1,769 MB is one full vCPU, linear below and
// above, up to 6 vCPUs at 10,240 MB. (These two constants belong in the
// platform table of src/model once it exists; kept here until then.)
export const MB_PER_VCPU = 1769;
export const MAX_VCPUS = 6;

export function vcpuShare(memoryMb: number): number {
  return Math.min(MAX_VCPUS, memoryMb / MB_PER_VCPU);
}
