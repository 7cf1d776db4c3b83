@echo off
rem cnsh launcher of the release archive for Windows (cnsh-VERSION\bin\cnsh.cmd): runs lib\cnsh.jar
rem with the Java of JAVA_HOME, else the java on PATH, which must be 17 or later. CNSH_JAVA_OPTS adds
rem JVM options (last, so they win). Unlike bin/cnsh it records no AppCDS archive.
setlocal EnableExtensions DisableDelayedExpansion

set "CNSH_LIB=%~dp0..\lib"
if not exist "%CNSH_LIB%\cnsh.jar" goto nojar

set "CNSH_JAVA=java"
if defined JAVA_HOME goto javahome
where java >nul 2>&1
if errorlevel 1 goto nojava
goto version
:javahome
set "CNSH_JAVA=%JAVA_HOME%\bin\java.exe"
if not exist "%CNSH_JAVA%" goto badhome

:version

rem The version from the line of java -version that reads: NAME version "17.0.15" ...
set "CNSH_JV="
for /f "tokens=1-3" %%a in ('"%CNSH_JAVA%" -version 2^>^&1') do if "%%b"=="version" if not defined CNSH_JV set "CNSH_JV=%%~c"
if not defined CNSH_JV goto unknown
set "CNSH_MAJOR="
for /f "delims=.-+_ " %%m in ("%CNSH_JV%") do set "CNSH_MAJOR=%%m"
if "%CNSH_MAJOR%"=="1" for /f "tokens=2 delims=." %%m in ("%CNSH_JV%") do set "CNSH_MAJOR=%%m"
if not defined CNSH_MAJOR goto unknown
if %CNSH_MAJOR% LSS 17 goto tooold

rem As bin/cnsh: a one-shot command (-e CODE, token, --version) runs with the client compiler only
rem and the serial collector; the shell, run FILE, sandbox, test and bench keep the JVM's defaults.
set "CNSH_SHORT="
call :kind %*

"%CNSH_JAVA%" %CNSH_SHORT% %CNSH_JAVA_OPTS% -cp "%CNSH_LIB%\*" io.cnsh.cli.Main %*
exit /b %ERRORLEVEL%

:kind
if "%~1"=="" goto :eof
if "%~1"=="-e" goto short
if "%~1"=="token" goto short
if "%~1"=="run" goto short
if "%~1"=="--version" goto short
if "%~1"=="-V" goto short
if "%~1"=="--sandbox" (shift & goto kind)
if "%~1"=="--debug" (shift & goto kind)
if "%~1"=="--trace" (shift & goto kind)
if "%~1"=="--yes" (shift & goto kind)
for %%o in (--sandbox-data --profile --base-url --username --format --max-changes) do if "%~1"=="%%o" (shift & shift & goto kind)
goto :eof
:short
set "CNSH_SHORT=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
goto :eof

:nojar
echo cnsh: no %CNSH_LIB%\cnsh.jar; unpack the whole cnsh archive and run its bin\cnsh.cmd 1>&2
exit /b 1
:badhome
echo cnsh: JAVA_HOME is %JAVA_HOME% but it has no bin\java.exe; point it at a Java 17 or later, or unset it 1>&2
exit /b 1
:nojava
echo cnsh: no java on PATH; install a Java 17 or later, or set JAVA_HOME 1>&2
exit /b 1
:unknown
echo cnsh: cannot tell the version of %CNSH_JAVA%; cnsh needs Java 17 or later (set JAVA_HOME) 1>&2
exit /b 1
:tooold
echo cnsh: cnsh needs Java 17 or later; %CNSH_JAVA% is Java %CNSH_JV% (set JAVA_HOME to a newer one) 1>&2
exit /b 1
