rem ---------------------------------------------------------------------------------------------------
rem Event Log Doctor: clear the cached root list (CryptnetUrlCache), check the clock and the proxy (cmd)
rem
rem Fixes:   Crypt32 / CAPI2 event 11 and CAPI2 event 4107, "Failed extract of third-party root list from
rem          auto update cab", when a stale or broken authrootstl.cab is cached or the clock is wrong.
rem          For hosts without PowerShell (Windows XP / Server 2003); elsewhere prefer the .ps1 version.
rem What:    shows the time service status and the WinHTTP proxy (on XP / 2003 run proxycfg); renames the
rem          Content and MetaData folders of CryptnetUrlCache for LocalService, NetworkService and
rem          LocalSystem (Vista+ locations, and the XP / 2003 ones under Documents and Settings when they
rem          exist) and creates them again empty; copies the current user's cache, then empties it with
rem          certutil -urlcache * delete; resynchronises the clock (w32tm /resync).
rem Sources: Microsoft Learn, "Event ID 4107 or Event ID 11 is logged in the Application log" (KB 2328240).
rem Run:     as part of the remediation file, from an elevated prompt; dry run unless started with /apply.
rem Backup:  renamed folders stay beside the originals as Content.bak-<time> / MetaData.bak-<time>; the
rem          user's cache is copied to %ALLUSERSPROFILE%\EventLogDoctor\Backup. If a rename fails because
rem          files are in use, run "net stop cryptsvc" first (or restart) and run again.
rem ---------------------------------------------------------------------------------------------------
set "STAMP=%DATE:/=-%_%TIME::=-%"
set "STAMP=%STAMP: =_%"
set "STAMP=%STAMP:,=.%"
set "SYS32=%windir%\System32"
if exist "%windir%\Sysnative\config" set "SYS32=%windir%\Sysnative"

echo Time service status:
w32tm /query /status
echo WinHTTP proxy:
netsh winhttp show proxy

for %%P in (
    "%windir%\ServiceProfiles\LocalService\AppData\LocalLow\Microsoft\CryptnetUrlCache"
    "%windir%\ServiceProfiles\NetworkService\AppData\LocalLow\Microsoft\CryptnetUrlCache"
    "%SYS32%\config\systemprofile\AppData\LocalLow\Microsoft\CryptnetUrlCache"
    "%SystemDrive%\Documents and Settings\LocalService\Application Data\Microsoft\CryptnetUrlCache"
    "%SystemDrive%\Documents and Settings\NetworkService\Application Data\Microsoft\CryptnetUrlCache"
    "%SYS32%\config\systemprofile\Application Data\Microsoft\CryptnetUrlCache"
) do (
    for %%S in (Content MetaData) do (
        if exist "%%~P\%%S" (
            echo Renaming "%%~P\%%S" to %%S.bak-%STAMP%
            %RUN% ren "%%~P\%%S" "%%S.bak-%STAMP%"
            %RUN% mkdir "%%~P\%%S"
        )
    )
)

set "ELD_USERCACHE=%USERPROFILE%\AppData\LocalLow\Microsoft\CryptnetUrlCache"
if not exist "%ELD_USERCACHE%" set "ELD_USERCACHE=%USERPROFILE%\Application Data\Microsoft\CryptnetUrlCache"
if exist "%ELD_USERCACHE%" (
    %RUN% xcopy "%ELD_USERCACHE%" "%ALLUSERSPROFILE%\EventLogDoctor\Backup\CryptnetUrlCache-%USERNAME%-%STAMP%" /e /i /h /k /y
)
%RUN% certutil -urlcache * delete

%RUN% w32tm /resync

echo Most recent root list extract errors (Vista and later):
wevtutil qe Application /q:"*[System[Provider[@Name='Microsoft-Windows-CAPI2'] and (EventID=4107 or EventID=11)]]" /c:5 /rd:true /f:text
echo A new event 11 or 4107 after this run means the cause is still there.
