:: ---------------------------------------------------------------------------------------------
:: Reset the Cryptographic Services catalog database (catroot2), classic commands
::
:: Fixes: CAPI2 256/257 and "Setup could not verify the integrity of the file ..." /
::        "Failed to install catalog files." when %windir%\System32\catroot2 is damaged.
:: Does:  stops CryptSvc, renames catroot2 to catroot2.bak-<timestamp> (Windows recreates it),
::        moves %windir%\security\Edb*.log into a backup folder instead of deleting them,
::        starts CryptSvc, re-registers the crypto DLLs of KB 822798 that exist, then verifies.
::        Never touches %windir%\System32\catroot: Windows does not rebuild it.
:: Sources: KB 822798 (earlier revisions list the DLLs re-registered here)
::            https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/cannot-install-updates-programs
::          Snakefoot services guide https://smallvoid.com/article/winnt-services-cryptsvc.html
:: Run:   below the Event Log Doctor preamble, which checks elevation and sets RUN; every changing
::        command is prefixed with %RUN%, so nothing changes unless the file is run with /apply.
::        If the rename is refused while CryptSvc is stopped, run it again in safe mode.
:: Undo:  net stop cryptsvc, delete the new catroot2, rename catroot2.bak-<timestamp> to catroot2.
:: ---------------------------------------------------------------------------------------------
for /f %%T in ('powershell -NoProfile -Command "Get-Date -Format yyyyMMdd-HHmmss"') do set "ELD_STAMP=%%T"
set "ELD_CATROOT2=%SystemRoot%\System32\catroot2"
set "ELD_EDBBACKUP=%SystemRoot%\security\edb-logs.bak-%ELD_STAMP%"

echo Current state of Cryptographic Services:
sc query cryptsvc
sc qc cryptsvc

%RUN% net stop cryptsvc /y

if exist "%ELD_CATROOT2%" (
    %RUN% ren "%ELD_CATROOT2%" "catroot2.bak-%ELD_STAMP%" || echo Could not rename catroot2. If access is denied while CryptSvc is stopped, run this again in safe mode.
) else (
    echo %ELD_CATROOT2% does not exist; nothing to rename.
)

if exist "%SystemRoot%\security\Edb*.log" (
    %RUN% mkdir "%ELD_EDBBACKUP%"
    %RUN% move "%SystemRoot%\security\Edb*.log" "%ELD_EDBBACKUP%"
)

%RUN% net start cryptsvc

for %%D in (softpub.dll wintrust.dll initpki.dll dssenh.dll rsaenh.dll gpkcsp.dll sccbase.dll slbcsp.dll cryptdlg.dll) do (
    if exist "%SystemRoot%\System32\%%D" %RUN% regsvr32 /s "%SystemRoot%\System32\%%D"
)

echo.
echo Verification:
sc query cryptsvc
if exist "%ELD_CATROOT2%" (
    echo %ELD_CATROOT2% exists.
) else (
    echo %ELD_CATROOT2% is not there yet; Windows creates it when the catalog database is first used.
)
echo Latest CAPI2 256/257 events - check that none is newer than this reset:
wevtutil qe Application /q:"*[System[Provider[@Name='Microsoft-Windows-CAPI2'] and (EventID=256 or EventID=257)]]" /c:3 /rd:true /f:text
