package io.onegrid.identity.internal.command;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.identity.internal.AccountService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code onegrid:user-list [-q text]}: accounts with their scope and roles. */
@Service
@Command(scope = "onegrid", name = "user-list", description = "List operator accounts")
public class UserListCommand implements Action {

    @Option(name = "-q", description = "text in the user or display name")
    String text;

    @Option(name = "--page", description = "page number, from 1")
    int page = 1;

    @Reference
    AccountService accounts;

    @Override
    public Object execute() {
        Page<?> users = accounts.listUsersForShell(text, PageRequest.of(page, 100));
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("User");
        table.column("Name");
        table.column("Region");
        table.column("Department");
        table.column("Roles");
        table.column("Enabled");
        for (Object o : users.items()) {
            AccountService.Row r = (AccountService.Row) o;
            table.addRow().addContent(r.id(), r.username(), r.displayName(), r.regionCode(), r.departmentCode(),
                    String.join(",", r.roles()), r.enabled());
        }
        table.print(System.out);
        System.out.println(users.total() + " account(s); page " + users.page() + " of " + users.totalPages());
        return null;
    }

}
