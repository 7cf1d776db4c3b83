// JShell start-up for cnsh: a ready client `cn` for the default target
// (CNSH_PROFILE or CNSH_BASE_URL if set, otherwise the embedded sandbox).
// ./cnsh --version && jshell --class-path target/cnsh.jar --startup DEFAULT --startup scripts/cnsh.jsh
import io.cnsh.client.*;
import io.cnsh.model.*;
import io.cnsh.wire.*;
import java.util.*;
import java.util.stream.*;

var cnshSession = io.cnsh.cli.Session.open();
var cn = cnshSession.client();
System.out.println("cn: " + cn + " (" + cnshSession.label() + "); try cn.agents().read(AgentQuery.all().limit(5))");
