"""A Pod Security Standards checker (baseline + restricted, policy version "latest").

Follows the checklist in shared/reference/charts-facts.md (A.11), which mirrors the
Kubernetes "Pod Security Standards" page and k8s.io/pod-security-admission.
check(spec, metadata) returns a list of (rule id, message); empty means the pod passes.
"""
from __future__ import annotations

BASELINE_CAPS = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                 "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}
SAFE_SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
                "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
                "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
                "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
                "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle",
                "net.ipv4.tcp_notsent_lowat"}
SELINUX_TYPES = {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}
RESTRICTED_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
                      "persistentVolumeClaim", "projected", "secret"}
RULES = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12",
         "R1", "R2", "R3", "R4", "R5", "R6"]


def _containers(spec):
    for field in ("containers", "initContainers", "ephemeralContainers"):
        for c in spec.get(field) or []:
            yield c


def check(spec: dict, metadata: dict | None = None) -> list[tuple[str, str]]:
    metadata = metadata or {}
    v: list[tuple[str, str]] = []
    psc = spec.get("securityContext") or {}
    host_users_off = spec.get("hostUsers") is False

    # ---- baseline
    for f in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(f):
            v.append(("B1", f"{f} is true"))
    for c in _containers(spec):
        sc = c.get("securityContext") or {}
        n = c.get("name")
        if sc.get("privileged"):
            v.append(("B2", f"container {n} is privileged"))
        added = set((sc.get("capabilities") or {}).get("add") or [])
        if added - BASELINE_CAPS:
            v.append(("B3", f"container {n} adds {sorted(added - BASELINE_CAPS)}"))
        for p in c.get("ports") or []:
            if p.get("hostPort"):
                v.append(("B5", f"container {n} uses hostPort {p['hostPort']}"))
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            pr = c.get(probe) or {}
            for h in ("httpGet", "tcpSocket"):
                if (pr.get(h) or {}).get("host"):
                    v.append(("B6", f"container {n} {probe}.{h}.host is set"))
        for hook in ("postStart", "preStop"):
            hk = (c.get("lifecycle") or {}).get(hook) or {}
            for h in ("httpGet", "tcpSocket"):
                if (hk.get(h) or {}).get("host"):
                    v.append(("B6", f"container {n} lifecycle.{hook}.{h}.host is set"))
        if ((sc.get("appArmorProfile") or {}).get("type") or "RuntimeDefault") not in ("RuntimeDefault", "Localhost"):
            v.append(("B7", f"container {n} AppArmor profile {sc['appArmorProfile']['type']}"))
        se = sc.get("seLinuxOptions") or {}
        if se.get("type", "") not in SELINUX_TYPES:
            v.append(("B8", f"container {n} SELinux type {se.get('type')}"))
        if se.get("user") or se.get("role"):
            v.append(("B8", f"container {n} SELinux user/role set"))
        if sc.get("procMount", "Default") != "Default" and not host_users_off:
            v.append(("B9", f"container {n} procMount {sc.get('procMount')}"))
        if (sc.get("seccompProfile") or {}).get("type") == "Unconfined":
            v.append(("B10", f"container {n} seccomp Unconfined"))
        if (sc.get("windowsOptions") or {}).get("hostProcess"):
            v.append(("B12", f"container {n} windows hostProcess"))
    for vol in spec.get("volumes") or []:
        if "hostPath" in vol:
            v.append(("B4", f"volume {vol.get('name')} is a hostPath"))
    if ((psc.get("appArmorProfile") or {}).get("type") or "RuntimeDefault") not in ("RuntimeDefault", "Localhost"):
        v.append(("B7", "pod AppArmor profile " + psc["appArmorProfile"]["type"]))
    for k, val in (metadata.get("annotations") or {}).items():
        if k.startswith("container.apparmor.security.beta.kubernetes.io/") and val not in ("", "runtime/default") \
                and not str(val).startswith("localhost/"):
            v.append(("B7", f"AppArmor annotation {k}={val}"))
    se = psc.get("seLinuxOptions") or {}
    if se.get("type", "") not in SELINUX_TYPES:
        v.append(("B8", f"pod SELinux type {se.get('type')}"))
    if se.get("user") or se.get("role"):
        v.append(("B8", "pod SELinux user/role set"))
    if (psc.get("seccompProfile") or {}).get("type") == "Unconfined":
        v.append(("B10", "pod seccomp Unconfined"))
    for s in psc.get("sysctls") or []:
        if s.get("name") not in SAFE_SYSCTLS:
            v.append(("B11", f"unsafe sysctl {s.get('name')}"))
    if (psc.get("windowsOptions") or {}).get("hostProcess"):
        v.append(("B12", "pod windows hostProcess"))

    # ---- restricted
    for vol in spec.get("volumes") or []:
        kinds = set(vol) - {"name"}
        if not kinds <= RESTRICTED_VOLUMES:
            v.append(("R1", f"volume {vol.get('name')} has type {sorted(kinds - RESTRICTED_VOLUMES)}"))
    pod_nonroot = psc.get("runAsNonRoot") is True
    pod_seccomp = (psc.get("seccompProfile") or {}).get("type") in ("RuntimeDefault", "Localhost")
    if psc.get("runAsUser") == 0:
        v.append(("R4", "pod runAsUser is 0"))
    for c in _containers(spec):
        sc = c.get("securityContext") or {}
        n = c.get("name")
        if sc.get("allowPrivilegeEscalation") is not False:
            v.append(("R2", f"container {n} does not set allowPrivilegeEscalation: false"))
        if not host_users_off:
            nonroot = sc.get("runAsNonRoot")
            if nonroot is False or (nonroot is None and not pod_nonroot):
                v.append(("R3", f"container {n} may run as root (runAsNonRoot not true)"))
        if sc.get("runAsUser") == 0:
            v.append(("R4", f"container {n} runAsUser is 0"))
        ctype = (sc.get("seccompProfile") or {}).get("type")
        if ctype not in ("RuntimeDefault", "Localhost") and not (ctype is None and pod_seccomp):
            v.append(("R5", f"container {n} has no RuntimeDefault/Localhost seccomp profile"))
        caps = sc.get("capabilities") or {}
        if "ALL" not in (caps.get("drop") or []):
            v.append(("R6", f"container {n} does not drop ALL capabilities"))
        if set(caps.get("add") or []) - {"NET_BIND_SERVICE"}:
            v.append(("R6", f"container {n} adds capabilities other than NET_BIND_SERVICE"))
    return v
