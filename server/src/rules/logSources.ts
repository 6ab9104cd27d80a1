/**
 * Sigma log sources -> the Windows events they stand for, as data: the Windows part of the Sigma taxonomy
 * appendix (SigmaHQ sigma-specification, `sigma-appendix-taxonomy.md`) plus Security 4688 for
 * `process_creation`, the mapping SIEM pipelines use for hosts without Sysmon.
 */

/** One kind of event a log source stands for. A field absent here does not restrict the events. */
export interface EventSource {
  /** Provider names (compared ignoring case). */
  providers?: readonly string[];
  /** Displayed event ids. */
  ids?: readonly number[];
  /** Channel names (compared ignoring case); an event without a channel (some text exports) is not excluded. */
  channels?: readonly string[];
  /** Required data values, e.g. Sysmon 12's `EventType` that tells a key creation from a deletion. */
  data?: Readonly<Record<string, readonly string[]>>;
  /** Sigma field name -> the name the event carries it under, when they differ. */
  fields?: Readonly<Record<string, string>>;
}

const SYSMON = 'Microsoft-Windows-Sysmon';

function sysmon(ids: number[], data?: Record<string, string[]>): EventSource {
  return data ? { providers: [SYSMON], ids, data } : { providers: [SYSMON], ids };
}

/** Security 4688 carries the process creation fields under its own names. */
const SECURITY_PROCESS_CREATION: EventSource = {
  providers: ['Microsoft-Windows-Security-Auditing'],
  ids: [4688],
  fields: {
    Image: 'NewProcessName',
    ParentImage: 'ParentProcessName',
    ProcessId: 'NewProcessId',
    ParentProcessId: 'ProcessId',
  },
};

const POWERSHELL = ['Microsoft-Windows-PowerShell', 'PowerShellCore'];

/** `product: windows` + `category: x`. */
export const WINDOWS_CATEGORIES: Readonly<Record<string, readonly EventSource[]>> = {
  process_creation: [sysmon([1]), SECURITY_PROCESS_CREATION],
  file_change: [sysmon([2])],
  network_connection: [sysmon([3])],
  sysmon_status: [sysmon([4, 16])],
  process_termination: [sysmon([5])],
  driver_load: [sysmon([6])],
  image_load: [sysmon([7])],
  create_remote_thread: [sysmon([8])],
  raw_access_thread: [sysmon([9])],
  process_access: [sysmon([10])],
  file_event: [sysmon([11])],
  registry_event: [sysmon([12, 13, 14])],
  registry_add: [sysmon([12], { EventType: ['CreateKey'] })],
  registry_delete: [sysmon([12], { EventType: ['DeleteKey', 'DeleteValue'] })],
  registry_set: [sysmon([13], { EventType: ['SetValue'] })],
  registry_rename: [sysmon([14], { EventType: ['RenameKey'] })],
  create_stream_hash: [sysmon([15])],
  pipe_created: [sysmon([17, 18])],
  wmi_event: [sysmon([19, 20, 21])],
  dns_query: [sysmon([22])],
  file_delete: [sysmon([23, 26])],
  clipboard_capture: [sysmon([24])],
  process_tampering: [sysmon([25])],
  file_delete_detected: [sysmon([26])],
  file_block_executable: [sysmon([27])],
  file_block_shredding: [sysmon([28])],
  file_executable_detected: [sysmon([29])],
  sysmon_error: [sysmon([255])],
  file_access: [{ providers: ['Microsoft-Windows-Kernel-File'] }],
  file_rename: [{ providers: ['Microsoft-Windows-Kernel-File'] }],
  ps_module: [{ providers: POWERSHELL, ids: [4103] }],
  ps_script: [{ providers: POWERSHELL, ids: [4104] }],
  ps_classic_start: [{ providers: ['PowerShell'], ids: [400] }],
  ps_classic_provider_start: [{ providers: ['PowerShell'], ids: [600] }],
  ps_classic_script: [{ providers: ['PowerShell'], ids: [800] }],
};

function channels(...names: string[]): EventSource[] {
  return [{ channels: names }];
}

/** `product: windows` + `service: x`. */
export const WINDOWS_SERVICES: Readonly<Record<string, readonly EventSource[]>> = {
  application: channels('Application'),
  'application-experience': channels(
    'Microsoft-Windows-Application-Experience/Program-Telemetry',
    'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant',
  ),
  applocker: channels(
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ),
  'appmodel-runtime': channels('Microsoft-Windows-AppModel-Runtime/Admin'),
  'appxdeployment-server': channels('Microsoft-Windows-AppXDeploymentServer/Operational'),
  'appxpackaging-om': channels('Microsoft-Windows-AppxPackaging/Operational'),
  bitlocker: channels('Microsoft-Windows-BitLocker/BitLocker Management'),
  'bits-client': channels('Microsoft-Windows-Bits-Client/Operational'),
  capi2: channels('Microsoft-Windows-CAPI2/Operational'),
  'certificateservicesclient-lifecycle-system': channels('Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'),
  'codeintegrity-operational': channels('Microsoft-Windows-CodeIntegrity/Operational'),
  dhcp: channels('Microsoft-Windows-DHCP-Server/Operational'),
  'diagnosis-scripted': channels('Microsoft-Windows-Diagnosis-Scripted/Operational'),
  'dns-client': channels('Microsoft-Windows-DNS Client Events/Operational'),
  'dns-server': channels('DNS Server'),
  'dns-server-analytic': channels('Microsoft-Windows-DNS-Server/Analytical'),
  'dns-server-audit': channels('Microsoft-Windows-DNS-Server/Audit'),
  'driver-framework': channels('Microsoft-Windows-DriverFrameworks-UserMode/Operational'),
  'firewall-as': channels('Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'),
  'hyper-v-worker': channels('Microsoft-Windows-Hyper-V-Worker'),
  'iis-configuration': channels('Microsoft-IIS-Configuration/Operational'),
  'kernel-event-tracing': channels('Microsoft-Windows-Kernel-EventTracing'),
  'kernel-shimengine': channels('Microsoft-Windows-Kernel-ShimEngine/Operational', 'Microsoft-Windows-Kernel-ShimEngine/Diagnostic'),
  ldap: channels('Microsoft-Windows-LDAP-Client/Debug'),
  ldap_debug: channels('Microsoft-Windows-LDAP-Client/Debug'),
  'lsa-server': channels('Microsoft-Windows-LSA/Operational'),
  'msexchange-management': channels('MSExchange Management'),
  'microsoft-servicebus-client': channels('Microsoft-ServiceBus-Client/Operational', 'Microsoft-ServiceBus-Client/Admin'),
  ntfs: channels('Microsoft-Windows-Ntfs/Operational'),
  ntlm: channels('Microsoft-Windows-NTLM/Operational'),
  openssh: channels('OpenSSH/Operational'),
  powershell: channels('Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'),
  'powershell-classic': channels('Windows PowerShell'),
  'printservice-admin': channels('Microsoft-Windows-PrintService/Admin'),
  'printservice-operational': channels('Microsoft-Windows-PrintService/Operational'),
  security: channels('Security'),
  'security-mitigations': channels('Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'),
  sense: channels('Microsoft-Windows-SENSE/Operational'),
  'servicebus-client': channels('Microsoft-ServiceBus-Client/Operational', 'Microsoft-ServiceBus-Client/Admin'),
  'shell-core': channels('Microsoft-Windows-Shell-Core/Operational'),
  'smbclient-security': channels('Microsoft-Windows-SmbClient/Security'),
  sysmon: channels('Microsoft-Windows-Sysmon/Operational'),
  system: channels('System'),
  taskscheduler: channels('Microsoft-Windows-TaskScheduler/Operational'),
  'terminalservices-localsessionmanager': channels('Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'),
  vhdmp: channels('Microsoft-Windows-VHDMP/Operational'),
  windefend: channels('Microsoft-Windows-Windows Defender/Operational'),
  wmi: channels('Microsoft-Windows-WMI-Activity/Operational'),
};
