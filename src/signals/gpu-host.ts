import { FilterPattern } from "../patterns";
import { anyOccurrence, countAbove } from "./common";
import { logSilenceAlarm } from "./log-silence";
import type { SignalPreset, WorkloadKindCatalogue } from "./types";

/**
 * GPU hosts (EC2 instances, EKS nodes, SageMaker HyperPod nodes): the kernel and driver log the
 * host ships to CloudWatch Logs, and the GPU metrics the CloudWatch agent publishes. What breaks
 * large training runs shows there first (the Llama 3 paper's root causes, docs/kinds/gpu-host.md):
 * NVIDIA Xid and SXid events, ECC and row-remapping errors, EFA and ENA errors, machine checks,
 * EDAC, PCIe AER, disk and NVMe errors.
 *
 * How the lines arrive (research: kernel_rc.c of NVIDIA/open-gpu-kernel-modules 515-595, the
 * CloudWatch agent's logfile input, Fluent Bit's systemd input, the Container Insights DaemonSet):
 * the same kernel message is a bare line, a syslog line with or without the dmesg `[seconds]`
 * stamp, or the MESSAGE/message value of a JSON record. Term patterns are plain substrings of the
 * raw event, so a preset is one filter that reads every format alike; only a syslog file with a
 * known prefix lets a space-delimited pattern pick the Xid code and host out of the line
 * (`xid-codes`), and Fabric Manager's own log words NVSwitch errors differently (`nvswitch-errors`).
 *
 * Xid codes are matched as `): <code>,`: the end of the bus-id parenthesis on every driver
 * generation (`(PCI:0000:53:00)`, `(0000:01:00)`, MIG `(PCI:0000:01:00 GPU-I:05)`), never a
 * longer code (`): 145,` for 45) nor the `caused by previous Xid 79` tail of 575+ Xid 45 lines.
 * Regexes cannot contain parentheses, so `)` is `\x29`. Xid lines are printk warnings (priority 4):
 * a pipeline that keeps only priority <= 3 loses all of them.
 */

/** `): <code>,` for a regex (no parentheses allowed in CloudWatch regexes). */
const xidRegex = (code: string) => `\\x29: ${code},`;

/** A term pattern for the Xid lines of one code. */
const xid = (code: number) => FilterPattern.allTerms("NVRM: Xid", `): ${code},`);

/** Real lines, as the corpus has them (__tests__/signals/real-lines/*.yaml: source and release of each). */
const REAL = {
  xid79Unknown: "NVRM: Xid (PCI:0004:01:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.",
  xid79Bare595: "NVRM: Xid (PCI:0000:2b:00): 79, GPU has fallen off the bus.",
  xid79FollowOn: "NVRM: GPU 0000:2b:00.0: GPU has fallen off the bus.",
  fallenLegacy: "Jan 18 11:38:05 localhost kernel: [ 269.516977] NVRM: GPU at 0000:01:00.0 has fallen off the bus.",
  xid48Syslog:
    "Dec  2 11:38:47 worker4 kernel: [  219.470994] NVRM: Xid (PCI:0000:07:00): 48, pid='<unknown>', name=<unknown>, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at physAddr 0x7fffa8860 partition 7, subpartition 1.",
  xid94: "NVRM: Xid (PCI:0000:00:08): 94, pid='<unknown>', name=<unknown>, Contained: SM (0x1). RST: No, D-RST: No",
  xid95: "NVRM: Xid (PCI:0000:01:00): 95, pid=7062, Uncontained: LTC TAG (0x2, 0x1). RST: Yes, D-RST: No",
  xid63Aws: "May 19 07:08:57 ip-26-0-146-100 kernel: [680111.646286] NVRM: Xid (PCI:0000:10:1c): 63, pid=1850, Row Remapper: New row marked for remapping, reset gpu to activate",
  xid64Aws: "May 29 01:37:38 ip-26-0-147-135 kernel: [257087.812628] NVRM: Xid (PCI:0000:90:1c): 64, ...",
  xid64Text: "NVRM: Xid (PCI:0000:07:00): 64, pid='<unknown>', name=<unknown>, Dynamic Page Retirement: Blacklisting failed.  Page should have been blacklisted on boot(0x00000000007fffa8).",
  xid74: "kernel: NVRM: Xid (PCI:0000:c1:00): 74, pid='<unknown>', name=<unknown>, NVLink: fatal error detected on link 1",
  xid149Fatal: "[171167.620236] NVRM: Xid (PCI:0009:01:00): 149, NETIR_LINK_EVT  Fatal   XC0 i0 Link 01 (0x021425c6 0x00000000 0x00000000 0x00000000 0x00000000 0x00000000)",
  xid145Nonfatal: "NVRM: Xid (PCI:0018:01:00): 145, RLW_RXPIPE Nonfatal XC0 i0 Link 13 (0x0409a0c2 0x00000008 0x00000001 0x00000000 0x00100000 0x00000004)",
  xid45After149: "NVRM: Xid (PCI:0000:dc:00): 45, pid=1818990, name=python3, Ch 00000001 caused by previous Xid 149",
  sxidFatal: "nvidia-nvswitch0: SXid (PCI:0000:05:00.0): 20034, Fatal, Link 63 LTSSM Fault Up",
  sxidNonfatal: "[73309.599396] nvidia-nvswitch0: SXid (PCI:0000:06:00.0): 20009, Non-fatal, Link 04 RX Short Error Rate",
  sxidSeverityLine: "nvidia-nvswitch2: SXid (PCI:0000:07:00.0): 20034, Severity 1 Engine instance 60 Sub-engine instance 00",
  xid119: "[Sun Feb 23 16:24:18 2025] NVRM: Xid (PCI:0000:9b:00): 119, pid=2024380, name=nvidia-smi, Timeout after 6s of waiting for RPC response from GPU4 GSP! Expected function 103 (GSP_RM_ALLOC) (0x2081 0x4).",
  xid120: "NVRM: Xid (PCI:0000:06:00): 120, GSP task exception: store access page fault (cause:0xf) @ pc:0x13ebd80, partition:2#0, task:3",
  gspRateLimit: "NVRM: Rate limiting GSP RPC error prints for GPU at PCI:0000:9b:00 (printing 1 of every 30).  The GPU likely needs to be reset.",
  xid109: "NVRM: Xid (PCI:0000:cb:00): 109, pid=1797828, name=pt_main_thread, Ch 00000008, errorString CTX SWITCH TIMEOUT, Info 0x58005",
  xid62: "Nov 22 14:56:44 cctvserver-MS-7B17 kernel: [94555.573310] NVRM: Xid (PCI:0000:02:00): 62, pid=1300, 203c(3090) 85020c09 ffffbd53",
  xid154Drain: "[171167.621162] NVRM: Xid (PCI:0009:01:00): 154, GPU recovery action changed from 0x0 (None) to 0x4 (Drain and Reset)",
  xid13: "NVRM: Xid (PCI:0000:38:00): 13, pid='<unknown>', name=<unknown>, Graphics SM Warp Exception on (GPC 9, TPC 1, SM 1): Out Of Range Address",
  xid31Journal:
    "Nov 29 11:28:11 zeus kernel: NVRM: Xid (PCI:0000:c1:00): 31, pid=12890, Ch 0000003e, intr 00000000. MMU Fault: ENGINE GRAPHICS HUBCLIENT_SCC faulted @ 0x1_8c710000. Fault is of type FAULT_PTE ACCESS_TYPE_VIRT_READ",
  xid43: "NVRM: Xid (PCI:0000:00:05): 43, pid=1045242, name=pt_main_thread, Ch 00000008",
  xid94Mig: "NVRM: Xid (PCI:0000:01:00 GPU-I:05): 94, pid=7194, Contained: CE User Channel (0x9). RST: No, D-RST: No",
  nvrmBanner: "NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024",
  efaAdmin:
    "kernel: infiniband rdmap16s27: The device didn't send any completion for admin cmd CREATE_QP(6) status 0 (ctx 0x000000001d2f9d31, sq producer: 12, sq consumer: 11, cq consumer: 11)",
  efaQueueClosed: "infiniband rdmap0s6: Admin queue is closed",
  efaResetIndication: "efa 0000:00:06.0: Reset indication didn't turn on",
  efaCreateQp: "infiniband rdmap0s6: Failed to create qp [-12]",
  efaSetupIrq: "[68998.638853] efa 0000:4f:00.0: Setup irq:1861 name:efa-mgmnt@pci:0000:4f:00.0",
  enaTrigger: "ena 0000:00:03.0 eth0: Trigger reset is on",
  enaLostTx: "ena 0000:00:03.0 eth0: The number of lost tx completions is above the threshold (156 > 128). Reset the device",
  lostCarrier: "Dec  6 19:25:33 at7tj000004 systemd-networkd[2385]: ib1: Lost carrier",
  mceLogged: "Sep 16 19:51:15 kernel: [    0.064261] mce: [Hardware Error]: Machine check events logged",
  mceGhes: "{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0",
  mceBank: "mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 4: a600000000020408",
  mceBanks: "Sep 16 19:51:15 kernel: [    0.043437] mce: CPU supports 7 MCE banks",
  edacUe:
    "EDAC MC3: 1 UE memory read error on CPU_SrcID#0_MC#3_Chan#0_DIMM#0 (channel:0 slot:0 page:0x7e025e offset:0x400 grain:32 -  err_code:0x00a0:0x0090  SystemAddress:0x7e025e400 ProcessorSocketId:0x0 MemoryControllerId:0x3 ChannelAddress:0xec04bc00 ChannelId:0x0 RankAddress:0x76025c00 PhysicalRankId:0x1 DimmSlotId:0x0 Row:0x3b01 Column:0x380 Bank:0x0 BankGroup:0x2 ChipSelect:0x1 ChipId:0x0)",
  mceUncorrected: "mce: Uncorrected hardware memory error in user-access at 7e025e400",
  memoryFailure: "Memory failure: 0x7e025e: Sending SIGBUS to einj_mem_uc:12283 due to hardware memory corruption",
  edacCe: "[Mon Jan 27 19:27:15 2020] EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#2_DIMM#0 (channel:2 slot:0 page:0x849923 offset:0x380 grain:32 syndrome:0x0 -  area:DRAM err_code:0001:0092 socket:0 ha:0 channel_mask:4 rank:0)",
  edacCeOld: "May  7 06:45:12 errol kernel: [21584690.529877] EDAC MC0: 4 CE error on CPU#0Channel#2_DIMM#0 (channel:2 slot:0 page:0x0 offset:0x0 grain:8 syndrome:0x0)",
  edacGivingOut: "[   11.807485] EDAC MC1: Giving out device to module sb_edac controller Broadwell SrcID#0_Ha#0: DEV 0000:7f:12.0 (INTERRUPT)",
  aerUncorrectedOld: "pcieport 0000:00:00.0: AER: Uncorrected (Non-Fatal) error received: 0000:00:00.0",
  aerMultipleFatal: "pcieport 0000:00:03.0: AER: Multiple Uncorrected (Fatal) error received: 0000:00:03.0",
  aerUncorrectableNew: "Sep 22 09:59:09 pve kernel: pcieport 0000:80:1b.4: AER: Uncorrectable (Non-Fatal) error message received from 0000:80:1b.4",
  aerFatalDetail: "pcieport 0000:00:03.0: PCIe Bus Error: severity=Uncorrected (Fatal), type=Transaction Layer, (Requester ID)",
  aerCorrectedOld: "pcieport 0000:00:1c.5: AER: Corrected error received: id=00e5",
  aerCorrectableNew: "Sep 19 16:18:02 bubz kernel: [68183.615790] pcieport 0000:00:03.1: AER: Correctable error message received from 0000:00:00.0",
  aerEnabled: "pcieport 0000:00:01.0: AER: enabled with IRQ 122",
  blkUpdateRequest: "[470907.282230] blk_update_request: I/O error, dev nvme2n1, sector 6442712256 op 0x1:(WRITE) flags 0x1000 phys_seg 8 prio class 0",
  ioError6x: "I/O error, dev nvme0n1, sector 1336320 op 0x0:(READ) flags 0x80700 phys_seg 4 prio class 2",
  xfsLogError: "[470911.895805] XFS (md127): log I/O error -5",
  bufferIoError: "Buffer I/O error on dev nvme0n1, logical block 0, async page read",
  nvmeRemoving: "[11508.697977] nvme nvme2: Removing after probe failure status: -19",
  nvmeTimeout: "nvme nvme0: I/O 14 QID 2 timeout, aborting",
  nvmeTimeout6x: "[   89.895139] nvme nvme0: I/O 900 (I/O Cmd) QID 2 timeout, aborting",
  nvmeTimeoutSyslog: "Feb 24 10:58:12 osd-62 kernel: [ 2410.027903] nvme nvme0: I/O 111 QID 1 timeout, disable controller",
  nvmeAbortStatus: "nvme nvme0: Abort status: 0x0",
  nvmeQueues: "[  120.151848] nvme nvme0: 2/0/0 default/read/poll queues",
  oomKilled: "Out of memory: Killed process 25315 (python3) total-vm:53312244kB, anon-rss:31451456kB, file-rss:74816kB, shmem-rss:12296kB, UID:0 pgtables:69068kB oom_score_adj:0",
  oomOld: "[3017506.733819] Out of memory: Kill process 25635 (python) score 974 or sacrifice child",
  oomCgroup: "Memory cgroup out of memory: Kill process 19636 (evil-program2) score 1923 or sacrifice child",
  oomReaper: "oom_reaper: reaped process 25315 (python3), now anon-rss:0kB, file-rss:74732kB, shmem-rss:12296kB",
  invokedOomKiller:
    "Apr 25 06:31:56 yihuachiu-GTX1080 kernel: [594646.252242] gsd-color invoked oom-killer: gfp_mask=0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0",
  hungTaskAl2: "[ 1695.831133] INFO: task containerd-shim:28325 blocked for more than 120 seconds.",
  hungTaskRhel: "Oct 11 06:07:26 glustern1 kernel: INFO: task glusterfsd:26120 blocked for more than 120 seconds.",
  hungTaskHint: '[  721.028273] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  softLockup: "[Sun Jan  5 18:28:55 2025] watchdog: BUG: soft lockup - CPU#18 stuck for 27s! [python3:2254956]",
  hardLockup: "Nov 23 01:08:09 css2-g55-001 kernel: [252820.789248] NMI watchdog: Watchdog detected hard LOCKUP on cpu 161",
  cpuThrottle: "Oct 29 19:16:03 jakob-R52 kernel: [ 6180.587748] CPU0: Core temperature above threshold, cpu clock throttled (total events = 1)",
  cpuThrottleMce: "kernel: mce: CPU4: Package temperature above threshold, cpu clock throttled",
  cpuTempNormal: "Oct 29 19:16:03 jakob-R52 kernel: [ 6180.588312] CPU0: Core temperature/speed normal",
  thermalMonitoring: "mce: CPU0: Thermal monitoring enabled (TM1)",
  dcgmThermal:
    "ERROR [1514002:1514004] [[Health]] Detected a WARNING in health system Thermal: 'Detected clocks event due to thermal violation in GPU 2. Verify that the cooling on this machine is functional, including external, thermal material interface, fans, and any other components.",
} as const;

/** A Container Insights `host` record of a kernel line (aws-samples/amazon-cloudwatch-container-insights fluent-bit.yaml). */
const containerInsights = (message: string) =>
  JSON.stringify({ host: "ip-192-168-12-34.us-west-2.compute.internal", ident: "kernel", message, az: "us-west-2b", ec2_instance_id: "i-0abcd1234ef567890" });

/** A Fluent Bit systemd-input record of a kernel line (fluent-bit plugins/in_systemd/systemd.c). */
const journald = (message: string) =>
  JSON.stringify({ PRIORITY: "4", SYSLOG_FACILITY: "0", SYSLOG_IDENTIFIER: "kernel", _TRANSPORT: "kernel", _HOSTNAME: "ip-10-0-3-17", MESSAGE: message });

/** The space-delimited columns of a syslog line up to the Xid code: `Mon DD HH:MM:SS host kernel: [stamp] NVRM: Xid (bus-id): code, rest`. */
function xidColumns(withStamp: boolean) {
  const columns = ["month", "day", "time", "host", "ident", ...(withStamp ? ["stamp"] : []), "w_nvrm", "w_xid", "gpu", "code", "rest"];
  return (
    FilterPattern.spaceDelimited(...columns)
      .whereString("ident", "=", "kernel:")
      .whereString("w_nvrm", "=", "NVRM:")
      .whereString("w_xid", "=", "Xid")
      // The code field ends with a comma; a MIG line has `GPU-I:NN):` here instead and is left out.
      .whereString("code", "=", "*,")
  );
}

const XID_SIGNALS: SignalPreset[] = [
  {
    id: "xid-events",
    title: "NVIDIA Xid events (all codes but the 43/45 follow-ons)",
    // Xid 43 (channel stopped) and 45 (preemptive cleanup) follow other Xids and flood: NVSentinel
    // counted 168,924 Xid 45 against 10 other Xids in two days on one fleet (NVIDIA/NVSentinel#1712).
    pattern: FilterPattern.termsExcluding(["NVRM: Xid"], ["): 43,", "): 45,"]),
    metric: { name: "XidEvents", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook:
      "Run the xid-by-code query: one code repeating on one PCI id is a bad GPU (drain it), 13/31 spread over many GPUs is the application; the per-class alarms say which codes need a drain.",
    samples: {
      matching: [
        { line: REAL.xid13, value: 1 },
        { line: REAL.xid31Journal, value: 1 },
        { line: REAL.xid79Unknown, value: 1 },
        { line: REAL.xid94Mig, value: 1 },
        { line: containerInsights(REAL.xid79Bare595), value: 1 },
        { line: journald(REAL.xid48Syslog.slice(REAL.xid48Syslog.indexOf("NVRM:"))), value: 1 },
      ],
      nonMatching: [REAL.xid43, REAL.xid45After149, REAL.nvrmBanner, REAL.xid79FollowOn, REAL.sxidFatal],
    },
  },
  {
    id: "xid-codes",
    title: "Xid events by code and host (syslog files)",
    format: "messages",
    pattern: xidColumns(false),
    metric: { name: "XidEventsByCode", unit: "Count", value: "1", dimensions: { XidCode: "$code", Host: "$host" } },
    // Every Xid line of the files, 43 and 45 included: the alarm watches for floods.
    alarm: countAbove(100, "warning", 300),
    runbook:
      "More than 100 Xid lines in 5 minutes: find the code and host in this metric's breakdown (XidCode keeps the field's trailing comma, e.g. '45,'); a 45 or 13 storm on one host hides its first Xid and costs ingestion.",
    samples: {
      matching: [
        { line: REAL.xid31Journal, value: 1, dimensions: { XidCode: "31,", Host: "zeus" } },
        { line: "Nov 29 12:00:00 ip-10-0-0-1 kernel: NVRM: Xid (PCI:0000:53:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.", value: 1, dimensions: { XidCode: "79,", Host: "ip-10-0-0-1" } },
      ],
      nonMatching: [REAL.xid48Syslog, REAL.xid13, "Nov 29 12:00:00 ip-10-0-0-1 kernel: NVRM: Xid (PCI:0000:01:00 GPU-I:05): 94, pid=7194, Contained: CE User Channel (0x9). RST: No, D-RST: No"],
    },
    variants: [
      {
        format: "syslog",
        pattern: xidColumns(true),
        samples: {
          matching: [
            { line: REAL.xid48Syslog, value: 1, dimensions: { XidCode: "48,", Host: "worker4" } },
            { line: REAL.xid63Aws, value: 1, dimensions: { XidCode: "63,", Host: "ip-26-0-146-100" } },
            { line: REAL.xid62, value: 1, dimensions: { XidCode: "62,", Host: "cctvserver-MS-7B17" } },
          ],
          nonMatching: [REAL.xid31Journal, REAL.xid13, REAL.fallenLegacy],
        },
      },
    ],
  },
  {
    id: "gpu-fallen-off-bus",
    title: "GPU fell off the bus (Xid 79)",
    // Xid 79 and the older `GPU at <bdf> has fallen off the bus.`, not the `NVRM: GPU <bdf>: GPU has
    // fallen off the bus.` line 515+ drivers print right after Xid 79 (one incident, one count).
    pattern: FilterPattern.termsExcluding(["fallen off the bus"], [": GPU has fallen off the bus"]),
    metric: { name: "GpuFallenOffBus", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "Drain the node: the GPU no longer answers on PCIe and only a reboot brings it back; replace the instance if it happens again, and check for PCIe AER errors just before.",
    samples: {
      matching: [
        { line: REAL.xid79Unknown, value: 1 },
        { line: REAL.xid79Bare595, value: 1 },
        { line: REAL.fallenLegacy, value: 1 },
        { line: containerInsights(REAL.xid79Unknown), value: 1 },
        { line: journald("NVRM: The NVIDIA GPU 0000:b3:00.0\nNVRM: (PCI ID: 10de:26b5) installed in this system has\nNVRM: fallen off the bus and is not responding to commands."), value: 1 },
      ],
      nonMatching: [REAL.xid79FollowOn, REAL.xid13, "NVRM: GPU at PCI:0000:2b:00: GPU-0b11d014-1685-04bd-26ed-5fc0bc1c44ae"],
    },
  },
  {
    id: "gpu-ecc-uncorrectable",
    title: "Uncorrectable GPU memory error (Xid 48, 95, 140)",
    // 48: double-bit ECC error in HBM; 95: uncontained error (SRAM/L2), every process on the GPU dies;
    // 140: ECC error the hardware could not recover.
    pattern: FilterPattern.regex([48, 95, 140].map((c) => xidRegex(String(c))).join("|")),
    metric: { name: "GpuUncorrectableEcc", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook:
      "Drain the node and reset the GPU (reboot) so the failed row is remapped; replace the instance if it repeats or Xid 64 (remap failure) follows.",
    samples: {
      matching: [
        { line: REAL.xid48Syslog, value: 1 },
        { line: REAL.xid95, value: 1 },
        { line: containerInsights(REAL.xid95), value: 1 },
      ],
      nonMatching: [REAL.xid94, REAL.xid63Aws, "NVRM: Xid (PCI:0000:07:00): 148, pid=1, later code"],
    },
  },
  {
    id: "gpu-ecc-contained",
    title: "Contained GPU memory error (Xid 94)",
    pattern: xid(94),
    metric: { name: "GpuContainedEcc", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "Only the process that touched the bad memory died: restart the job from its checkpoint, and reset the GPU at the next convenient stop (a pending row remap, Xid 63, usually follows).",
    samples: {
      matching: [{ line: REAL.xid94, value: 1 }, { line: REAL.xid94Mig, value: 1 }],
      nonMatching: [REAL.xid95, REAL.xid13],
    },
  },
  {
    id: "gpu-row-remap-pending",
    title: "GPU memory row marked for remapping (Xid 63)",
    pattern: xid(63),
    metric: { name: "GpuRowRemapPending", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "The remap takes effect only after a GPU reset: schedule a reboot of the node at the next checkpoint; nothing is blocked until then.",
    samples: {
      matching: [{ line: REAL.xid63Aws, value: 1 }, { line: "NVRM: Xid (PCI:0000:10:1c): 63, pid=1896, Row Remapper: New row marked for remapping, reset gpu to activate.", value: 1 }],
      nonMatching: [REAL.xid64Aws, REAL.xid94],
    },
  },
  {
    id: "gpu-row-remap-failure",
    title: "GPU memory row remapping failed (Xid 64)",
    pattern: xid(64),
    metric: { name: "GpuRowRemapFailure", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "The GPU has run out of spare memory rows (NVIDIA's RMA criterion): drain and replace the instance; do not put it back into the training pool.",
    samples: {
      matching: [{ line: REAL.xid64Aws, value: 1 }, { line: REAL.xid64Text, value: 1 }],
      nonMatching: [REAL.xid63Aws, REAL.xid48Syslog],
    },
  },
  {
    id: "gpu-nvlink-errors",
    title: "Fatal NVLink or NVSwitch error (Xid 74, 136, fatal 144-150, fatal SXid)",
    // Xid 144-150 (NVLink5) and SXid lines say Fatal or Nonfatal/Non-fatal in the text; only Fatal drains.
    pattern: FilterPattern.regex(
      [xidRegex("74"), xidRegex("136"), `${xidRegex("14[4-9]")}.* Fatal `, `${xidRegex("150")}.* Fatal `, "SXid .*, Fatal,"].join("|"),
    ),
    metric: { name: "GpuNvlinkErrors", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "Drain the node and reset its GPUs; if the same link fails again, or SXid errors show on the NVSwitch, replace the instance.",
    samples: {
      matching: [
        { line: REAL.xid74, value: 1 },
        { line: REAL.xid149Fatal, value: 1 },
        { line: REAL.sxidFatal, value: 1 },
      ],
      nonMatching: [REAL.xid145Nonfatal, REAL.xid45After149, REAL.sxidNonfatal, REAL.sxidSeverityLine],
    },
  },
  {
    id: "nvswitch-errors",
    title: "NVSwitch SXid reports",
    // One SXid report prints a header (Fatal / Non-fatal / no severity) and `Severity ...` and
    // `Data {...}` continuation lines with the same number: count the header.
    pattern: FilterPattern.termsExcluding(["SXid (PCI:"], [", Severity ", ", Data {"]),
    metric: { name: "NvswitchErrors", unit: "Count", value: "1" },
    alarm: countAbove(5, "warning", 3600),
    runbook: "Non-fatal SXids (e.g. 20009 RX Short Error Rate) trend a degrading NVLink: compare hosts in the top-errors query and replace the instance whose count keeps growing.",
    samples: {
      matching: [
        { line: REAL.sxidNonfatal, value: 1 },
        { line: REAL.sxidFatal, value: 1 },
        { line: "nvidia-nvswitch0: SXid (PCI:0004:00:00.0): 26008, SOE Watchdog error", value: 1 },
      ],
      nonMatching: [REAL.sxidSeverityLine, REAL.xid74],
    },
    variants: [
      {
        // Fabric Manager reports the same NVSwitch errors in its own file, without `SXid`.
        format: "fabricmanager",
        pattern: FilterPattern.allTerms("detected NVSwitch", " error "),
        samples: {
          matching: [{ line: "[Feb 27 2025 15:10:02] [ERROR] [tid 12727] detected NVSwitch non-fatal error 12028 on fid 0 on NVSwitch pci bus id 00000000:86:00.0 physical id 3 port 61", value: 1 }],
          nonMatching: ["[Feb 25 2025 13:59:45] [INFO] [tid 1808] multicast group 0 is freed.", REAL.sxidNonfatal],
        },
      },
    ],
  },
  {
    id: "gpu-gsp-errors",
    title: "GPU System Processor errors (Xid 119, 120)",
    // Xid 119 (RPC timeout) and 120 (GSP task exception) are the Xids whose text names the GSP in
    // every release (525 `from GSP!`, 535 `from GSP0!`, 550+ `from GPU4 GSP!`, `GSP task exception`).
    pattern: FilterPattern.allTerms("NVRM: Xid", " GSP"),
    metric: { name: "GpuGspErrors", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook:
      "Drain the node and reset the GPU (reboot); after `Rate limiting GSP RPC error prints` only 1 in 30 Xid 119s is logged, so a low count is no comfort. On 525.x drivers upgrade past 525.105.17 first.",
    samples: {
      matching: [
        { line: REAL.xid119, value: 1 },
        { line: REAL.xid120, value: 1 },
        { line: "NVRM: Xid (PCI:0004:01:00): 119, pid=430, name=nv_queue, Timeout waiting for RPC from GSP!", value: 1 },
      ],
      nonMatching: [REAL.gspRateLimit, REAL.xid154Drain, "NVRM: GPU4 RPC history (CPU -> GSP):"],
    },
  },
  {
    id: "gpu-reset-required",
    title: "GPU needs a reset (Xid 46, 54, 62, 109, 143, 154, 155, 156, 158; RmInitAdapter failed)",
    // 154 announces the driver's recovery action; only a change to something other than 0x0 (None) counts.
    pattern: FilterPattern.regex(
      [...["46", "54", "62", "109", "143", "15[568]"].map(xidRegex), `${xidRegex("154")}.* to 0x[1-9a-f]`, "RmInitAdapter failed"].join("|"),
    ),
    metric: { name: "GpuResetRequired", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook:
      "Drain the node and reset the GPU (on EC2: reboot the instance); for Xid 154 follow the action after `to 0x` (GPU Reset Required, Node Reboot Required, Drain and Reset). Replace the instance if it recurs.",
    samples: {
      matching: [
        { line: REAL.xid62, value: 1 },
        { line: REAL.xid109, value: 1 },
        { line: REAL.xid154Drain, value: 1 },
        { line: "NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x26:0x1a:1227)", value: 1 },
      ],
      nonMatching: [REAL.xid13, "NVRM: Xid (PCI:0019:01:00): 154, GPU recovery action changed from 0x4 (Drain and Reset) to 0x0 (None)", REAL.xid43],
    },
  },
];

const HOST_SIGNALS: SignalPreset[] = [
  {
    id: "efa-errors",
    title: "EFA device errors (admin queue timeouts, failed resets)",
    // ibdev_err lines carry `infiniband <ibdev>:`, probe-time ones `efa <bdf>:` (amzn-drivers
    // kernel/linux/efa/src/efa_com.c). ENA prints some of the same texts with `ena <bdf>`; per-verb
    // failures (`Failed to create qp`) can be a user's resource limits and are left out.
    pattern: FilterPattern.regex(
      [
        "infiniband \\S+: The device didn.t send any completion",
        "infiniband \\S+: Wait for completion",
        "infiniband \\S+: Admin queue is closed",
        "efa \\S+: Reset indication didn.t turn on",
        "efa \\S+: Device isn.t ready",
      ].join("|"),
    ),
    metric: { name: "EfaErrors", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "The EFA device stopped answering its admin queue: drain and replace the instance (a reboot rarely helps); NCCL collectives over it will time out.",
    samples: {
      matching: [
        { line: REAL.efaAdmin, value: 1 },
        { line: REAL.efaQueueClosed, value: 1 },
        { line: REAL.efaResetIndication, value: 1 },
      ],
      nonMatching: [REAL.efaCreateQp, REAL.efaSetupIrq, "ena 0000:00:05.0: Reset indication didn't turn on"],
    },
  },
  {
    id: "nic-link-errors",
    title: "ENA resets and lost carrier",
    // ENA logs no link changes, only resets; every reset path ends in `Trigger reset is on`
    // (amzn-drivers kernel/linux/ena/ena_netdev.c), so its cause lines (keep-alive timeout, lost TX
    // completions above the threshold) are not counted again. A late TX completion below the
    // threshold resets nothing and is logged only as `Found a Tx that wasn't completed on time`.
    pattern: FilterPattern.anyTerm("Trigger reset is on", "wasn't completed on time", ": Lost carrier"),
    metric: { name: "NicLinkErrors", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "The primary NIC reset or lost carrier: check the instance's network metrics (ENA allowance exceeded) and whether the job's storage or control traffic timed out at the same minute.",
    samples: {
      matching: [
        { line: REAL.enaTrigger, value: 1 },
        { line: REAL.lostCarrier, value: 1 },
        { line: "Jul 14 10:10:21 myserver.hostname kernel: ena 0000:00:05.0 eth0: Found a Tx that wasn't completed on time, qid 2, index 961.", value: 1 },
      ],
      nonMatching: [REAL.enaLostTx, "ena 0000:00:03.0 eth0: tx_timeout: 1"],
    },
  },
  {
    id: "machine-checks",
    title: "Machine check events (CPU and host memory)",
    // The header of every x86 MCE report and of firmware-first (APEI GHES) reports; their detail
    // lines (`CPU 0: Machine Check: ...`, `event severity: ...`) are not counted again.
    pattern: FilterPattern.anyTerm("Machine check events logged", "Hardware error from APEI Generic Hardware Error Source"),
    metric: { name: "MachineCheckEvents", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "Read the decoded report (mcelog, rasdaemon or the EDAC lines next to it): corrected memory errors trend a DIMM, uncorrected ones page separately (host-memory-uncorrectable).",
    samples: {
      matching: [{ line: REAL.mceLogged, value: 1 }, { line: REAL.mceGhes, value: 1 }],
      nonMatching: [REAL.mceBank, REAL.mceBanks],
    },
  },
  {
    id: "host-memory-uncorrectable",
    title: "Uncorrectable host memory error",
    pattern: FilterPattern.anyTerm(" UE memory ", " UE error on ", "Uncorrected hardware memory error", "due to hardware memory corruption"),
    metric: { name: "HostMemoryUncorrectable", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "A process (often a training rank) was killed for touching poisoned memory: drain and replace the instance; EDAC names the DIMM if you keep the host.",
    samples: {
      matching: [
        { line: REAL.edacUe, value: 1 },
        { line: REAL.mceUncorrected, value: 1 },
        { line: REAL.memoryFailure, value: 1 },
      ],
      nonMatching: [REAL.edacCe, REAL.edacGivingOut],
    },
  },
  {
    id: "host-memory-corrected",
    title: "Corrected host memory errors (EDAC)",
    // One line per report; the count inside (`EDAC MC0: 10 CE ...`) cannot be read with a pattern
    // that works for every prefix, so the metric counts reports.
    pattern: FilterPattern.anyTerm(" CE memory ", " CE error on "),
    metric: { name: "HostMemoryCorrected", unit: "Count", value: "1" },
    alarm: countAbove(5, "warning", 3600),
    runbook: "A DIMM keeps correcting errors: find it in the EDAC label (CPU_SrcID/Chan/DIMM) and plan to replace the instance before the errors turn uncorrectable.",
    samples: {
      matching: [{ line: REAL.edacCe, value: 1 }, { line: REAL.edacCeOld, value: 1 }],
      nonMatching: [REAL.edacUe, REAL.edacGivingOut],
    },
  },
  {
    id: "pcie-uncorrectable",
    title: "Uncorrectable PCIe error (AER)",
    // `Uncorrected (...) error received` before Linux 6.x, `Uncorrectable (...) error message received from` after.
    pattern: FilterPattern.anyTerm("AER: Uncorrect", "AER: Multiple Uncorrect"),
    metric: { name: "PcieUncorrectable", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "A PCIe link of the host failed: match the bus id to a GPU (nvidia-smi -q) or NIC; the NVIDIA driver cannot recover from AER, so expect Xid 79, drain the node and replace it if it repeats.",
    samples: {
      matching: [
        { line: REAL.aerUncorrectedOld, value: 1 },
        { line: REAL.aerMultipleFatal, value: 1 },
        { line: REAL.aerUncorrectableNew, value: 1 },
      ],
      nonMatching: [REAL.aerFatalDetail, REAL.aerCorrectedOld, REAL.aerEnabled],
    },
  },
  {
    id: "pcie-corrected",
    title: "Corrected PCIe errors (AER)",
    pattern: FilterPattern.anyTerm("AER: Correct", "AER: Multiple Correct"),
    metric: { name: "PcieCorrected", unit: "Count", value: "1" },
    // Some boards flood thousands per minute; only a sustained rate is worth a look.
    alarm: countAbove(100, "warning", 3600),
    runbook: "Corrected PCIe errors are recovered by the link, but a rising rate on a GPU's or NIC's bus id precedes failures: compare hosts and replace the one whose rate keeps growing.",
    samples: {
      matching: [{ line: REAL.aerCorrectedOld, value: 1 }, { line: REAL.aerCorrectableNew, value: 1 }],
      nonMatching: [REAL.aerUncorrectedOld, REAL.aerEnabled],
    },
  },
  {
    id: "disk-io-errors",
    title: "Disk I/O errors",
    // Block layer (`blk_update_request: I/O error, dev` before 5.18, `I/O error, dev` after),
    // filesystem and md consequences; the page-cache follow-on `Buffer I/O error on dev` is not counted again.
    pattern: FilterPattern.anyTerm(
      "I/O error, dev ",
      "log I/O error",
      "metadata I/O error",
      "I/O error while writing superblock",
      "Remounting filesystem read-only",
      "Disk failure on",
      "Removing after probe failure",
    ),
    metric: { name: "DiskIoErrors", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "A local disk (instance-store NVMe, often a RAID0 scratch or checkpoint volume) is failing: drain the node before the next checkpoint write, and replace the instance.",
    samples: {
      matching: [
        { line: REAL.blkUpdateRequest, value: 1 },
        { line: REAL.ioError6x, value: 1 },
        { line: REAL.xfsLogError, value: 1 },
        { line: REAL.nvmeRemoving, value: 1 },
      ],
      nonMatching: [REAL.bufferIoError, REAL.nvmeQueues],
    },
  },
  {
    id: "nvme-timeouts",
    title: "NVMe command timeouts",
    // `I/O 14 QID 2 timeout`, 6.x `I/O 900 (I/O Cmd) QID 2 timeout` and `I/O tag 22 (2016) opcode 0x2 (Admin Cmd) QID 0 timeout`.
    pattern: FilterPattern.allTerms("QID", " timeout,"),
    metric: { name: "NvmeTimeouts", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "An NVMe drive stopped answering in time: repeated timeouts, a `reset controller` or `disable controller` precede disk I/O errors; drain the node if they continue.",
    samples: {
      matching: [
        { line: REAL.nvmeTimeout, value: 1 },
        { line: REAL.nvmeTimeout6x, value: 1 },
        { line: REAL.nvmeTimeoutSyslog, value: 1 },
      ],
      nonMatching: [REAL.nvmeAbortStatus, REAL.nvmeQueues],
    },
  },
  {
    id: "host-oom-kills",
    title: "Kernel OOM killer killed a process",
    // `Out of memory: Killed process` (4.19+), `Out of memory: Kill process` (older), and the
    // cgroup form `Memory cgroup out of memory: Kill...`; one line per kill.
    pattern: FilterPattern.allTerms("of memory: Kill"),
    metric: { name: "HostOomKills", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "Host (or pod) memory ran out and the kernel killed a process, often a data-loader worker or a rank: check the job's host-memory use and its container memory limit.",
    samples: {
      matching: [
        { line: REAL.oomKilled, value: 1 },
        { line: REAL.oomOld, value: 1 },
        { line: REAL.oomCgroup, value: 1 },
      ],
      nonMatching: [REAL.oomReaper, REAL.invokedOomKiller],
    },
  },
  {
    id: "hung-tasks",
    title: "Tasks blocked for more than 120 s",
    pattern: FilterPattern.allTerms("blocked for more than"),
    metric: { name: "HungTasks", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "A task is stuck in the kernel (often in the NVIDIA driver or on a network filesystem): read the call trace after the line; a training process stuck here hangs the whole job.",
    samples: {
      matching: [{ line: REAL.hungTaskAl2, value: 1 }, { line: REAL.hungTaskRhel, value: 1 }],
      nonMatching: [REAL.hungTaskHint],
    },
  },
  {
    id: "cpu-lockups",
    title: "CPU soft or hard lockups",
    pattern: FilterPattern.anyTerm("soft lockup - CPU#", "hard LOCKUP"),
    metric: { name: "CpuLockups", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "A CPU did not schedule for tens of seconds: many CPUs at once point at a driver or filesystem; a hard LOCKUP that repeats means drain and replace the instance.",
    samples: {
      matching: [{ line: REAL.softLockup, value: 1 }, { line: REAL.hardLockup, value: 1 }],
      nonMatching: [REAL.hungTaskAl2],
    },
  },
  {
    id: "thermal-throttling",
    title: "Thermal throttling (CPU, and GPU as DCGM reports it)",
    // No Xid reports GPU thermal slowdown; the DCGM host engine's health watch does, if its log is shipped.
    pattern: FilterPattern.anyTerm("temperature above threshold", "due to thermal violation"),
    metric: { name: "ThermalThrottling", unit: "Count", value: "1" },
    alarm: countAbove(0, "warning", 300),
    runbook: "A CPU or GPU is slowing down to cool off, which slows every rank of the job: check the gpu-temperature alarm and the instance's health; replace the instance if one host throttles while the others do not.",
    samples: {
      matching: [
        { line: REAL.cpuThrottle, value: 1 },
        { line: REAL.cpuThrottleMce, value: 1 },
        { line: REAL.dcgmThermal, value: 1 },
      ],
      nonMatching: [REAL.cpuTempNormal, REAL.thermalMonitoring],
    },
  },
];

/** The CloudWatch agent's nvidia_gpu metrics, as its roll-up (see `gpuHost.clusterName`). */
const CW_AGENT = "CWAgent";

export const gpuHostCatalogue: WorkloadKindCatalogue = {
  kind: "gpu-host",
  title: "GPU hosts: kernel and driver log, CloudWatch agent GPU metrics",
  logFormatSource:
    "NVIDIA open-gpu-kernel-modules kernel_rc.c (Xid), common_nvswitch.h (SXid); Linux mce, EDAC, AER, block, NVMe, OOM messages; amzn-drivers EFA/ENA; CloudWatch agent logfile input; Fluent Bit systemd input; Container Insights fluent-bit.yaml",
  formats: [
    { id: "messages", title: "/var/log/messages (Amazon Linux, RHEL): `Mon DD HH:MM:SS host kernel: <message>`", source: "rsyslog RSYSLOG_TraditionalFileFormat, tailed by the CloudWatch agent" },
    { id: "syslog", title: "/var/log/syslog or kern.log (Ubuntu <= 22.04, HyperPod): `Mon DD HH:MM:SS host kernel: [seconds] <message>`", source: "rsyslog imklog, tailed by the CloudWatch agent" },
    { id: "dmesg", title: "kernel messages without a syslog prefix (dmesg output, with or without its [seconds] stamp)", source: "Linux printk / dmesg" },
    { id: "journald", title: "Fluent Bit systemd input: one JSON record per journal entry (MESSAGE, _HOSTNAME, PRIORITY, ...)", source: "fluent-bit plugins/in_systemd/systemd.c" },
    { id: "container-insights", title: "Container Insights host log group: JSON with message, host, ident, ec2_instance_id", source: "aws-samples/amazon-cloudwatch-container-insights fluent-bit.yaml (host-log.conf)" },
    { id: "fabricmanager", title: "NVIDIA Fabric Manager log (/var/log/fabricmanager.log): `[Mon DD YYYY HH:MM:SS] [LEVEL] [tid N] <message>`", source: "nv-fabricmanager log file, tailed by the CloudWatch agent" },
    { id: "dcgm", title: "DCGM messages: the host engine log (/var/log/nv-hostengine.log), dcgmi health and diag output", source: "NVIDIA/DCGM common/DcgmLoggingImpl.h, dcgmlib/dcgm_errors.h" },
  ],
  settings: { key: "gpuHost", required: false },
  signals: [...XID_SIGNALS, ...HOST_SIGNALS],
  serviceAlarms: [
    {
      id: "gpu-temperature",
      title: "Hottest GPU above 85 °C",
      namespace: CW_AGENT,
      metricName: "nvidia_smi_temperature_gpu",
      dimensions: { ClusterName: "clusterName" },
      // nvidia-smi -q "GPU Max Operating Temp": 85 C on A100, 87 C on H100/H800 (slowdown at 89 C).
      alarm: { statistic: "Maximum", comparison: "GreaterThanThreshold", threshold: 85, period: 300, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: "notBreaching", severity: "warning" },
      runbook: "A GPU runs above its maximum operating temperature and will throttle: find it with the agent's per-GPU metric (host, index) and check the instance's health; a thermal-interface fault stays hot under normal load.",
    },
    {
      id: "gpu-memory-headroom",
      title: "A GPU has less than 1 GiB of memory free",
      namespace: CW_AGENT,
      metricName: "nvidia_smi_memory_free",
      dimensions: { ClusterName: "clusterName" },
      alarm: { statistic: "Minimum", comparison: "LessThanThreshold", threshold: 1024, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: "notBreaching", severity: "warning" },
      runbook: "A GPU has been nearly full for 15 minutes: a job close to CUDA OOM, or a leaked process still holding memory (nvidia-smi lists it); raise the threshold for servers that reserve memory up front.",
    },
    {
      id: "gpu-utilization-collapse",
      title: "GPU utilization collapsed",
      namespace: CW_AGENT,
      metricName: "nvidia_smi_utilization_gpu",
      dimensions: { ClusterName: "clusterName" },
      // No datapoints at all (agent stopped, hosts gone) is the same thing as idle GPUs.
      alarm: { statistic: "Average", comparison: "LessThanThreshold", threshold: 10, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: "breaching", severity: "warning" },
      runbook: "The fleet's GPUs averaged under 10% busy for 15 minutes: the job crashed, hangs outside its collectives or waits on data; it also fires between runs, so disable it for fleets that idle.",
    },
    // The kernel log of a busy host is never quiet for an hour (cron, systemd, the agent itself).
    logSilenceAlarm({
      title: "No kernel log arrived for an hour",
      minutes: 60,
      runbook: "Nothing reaches the log group, so no alarm above can fire: check the agent or Fluent Bit on the hosts (Amazon Linux 2023 has no /var/log/messages unless rsyslog is installed).",
    }),
  ],
  queries: [
    {
      id: "top-errors",
      title: "Hardware error lines by host (log stream)",
      query:
        "filter @message like /NVRM: Xid|SXid \\(PCI:|detected NVSwitch|fallen off the bus|RmInitAdapter failed|infiniband \\S+: (The device didn.t send|Wait for completion|Admin queue is closed)|efa \\S+: (Reset indication|Device isn.t ready)|Trigger reset is on|wasn.t completed on time|: Lost carrier|Machine check events logged|Hardware error from APEI|(UE|CE) (memory|error on)|Uncorrected hardware memory error|hardware memory corruption|AER: (Multiple )?(Uncorrect|Correct)|I\\/O error, dev|log I\\/O error|metadata I\\/O error|I\\/O error while writing superblock|Remounting filesystem read-only|Disk failure on|Removing after probe failure|QID .* timeout,|of memory: Kill|blocked for more than|soft lockup - CPU#|hard LOCKUP|temperature above threshold|due to thermal violation/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "xid-by-code",
      title: "Xid events by code and host, per hour",
      query:
        "filter @message like /NVRM: Xid/ | parse @message /Xid \\((?:PCI:)?(?<gpu>[0-9a-fA-F:]+)[^)]*\\): (?<xid>\\d+),/ | stats count(*) as events by bin(1h) as hour, xid, @logStream, gpu | sort hour desc, events desc | limit 200",
    },
    {
      id: "drain-candidates",
      title: "Hosts with hardware errors that call for a drain",
      query:
        "filter @message like /\\): (46|48|54|62|64|74|79|95|109|119|120|136|140|143|154|155|156|158),|\\): 1(4[4-9]|50),.* Fatal |fallen off the bus|SXid .*, Fatal,|RmInitAdapter failed|UE memory|UE error on|Uncorrected hardware memory error|hardware memory corruption|AER: (Multiple )?Uncorrect|I\\/O error, dev|log I\\/O error|metadata I\\/O error|I\\/O error while writing superblock|Remounting filesystem read-only|Disk failure on|Removing after probe failure|infiniband \\S+: (The device didn.t send|Wait for completion|Admin queue is closed)|efa \\S+: (Reset indication|Device isn.t ready)/ | stats count(*) as events, earliest(@timestamp) as first, latest(@message) as last by @logStream | sort events desc | limit 50",
    },
  ],
  queryFields: ["message", "MESSAGE", "host", "ident", "ec2_instance_id", "_HOSTNAME"],
};
