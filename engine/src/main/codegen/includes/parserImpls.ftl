<#--
// StackQL's statements as productions of Calcite's grammar. See config.fmpp for how they are wired
// in: each is tried (with a two-token lookahead) before Calcite's own statements.
-->

/**
 * Parses StackQL's EXEC statement:
 * EXEC [hints] provider.service.resource.method [@name = value {[,] @name = value}] [[,] @@json = value].
 * Commas between parameters are optional, as StackQL's own documents write them both ways.
 */
SqlNode SqlExec() :
{
    final Span s;
    final List<SqlNode> hints = new ArrayList<SqlNode>();
    final SqlIdentifier method;
    final List<SqlNode> parameters = new ArrayList<SqlNode>();
    SqlNode parameter;
}
{
    <EXEC> { s = span(); }
    [
        <HINT_BEG> AddHint(hints) ( <COMMA> AddHint(hints) )* <COMMENT_END>
    ]
    method = CompoundIdentifier()
    (
        [ <COMMA> ]
        parameter = SqlExecParameter() { parameters.add(parameter); }
    )*
    {
        return new SqlExec(s.end(this), new SqlNodeList(hints, getPos()), method,
            new SqlNodeList(parameters, getPos()));
    }
}

/** Parses one "@name = value" or "@@name = value" of an EXEC statement. */
SqlNode SqlExecParameter() :
{
    final Token name;
    final boolean payload;
    final SqlNode value;
}
{
    (
        name = <EXEC_PARAM> { payload = false; }
    |
        name = <EXEC_SYS_PARAM> { payload = true; }
    )
    <EQ>
    value = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        final String image = name.image.substring(payload ? 2 : 1);
        return new SqlExecParameter(getPos(), image, payload, value);
    }
}

/**
 * Parses StackQL's SHOW statement:
 * SHOW [EXTENDED] PROVIDERS | SERVICES | RESOURCES | METHODS [IN | FROM name] [LIKE 'pattern' | WHERE condition].
 */
SqlNode SqlShow() :
{
    final Span s;
    boolean extended = false;
    final SqlShow.Target target;
    SqlIdentifier scope = null;
    SqlNode like = null;
    SqlNode where = null;
}
{
    <SHOW> { s = span(); }
    [ <EXTENDED> { extended = true; } ]
    (
        <PROVIDERS> { target = SqlShow.Target.PROVIDERS; }
    |
        <SERVICES> { target = SqlShow.Target.SERVICES; }
    |
        <RESOURCES> { target = SqlShow.Target.RESOURCES; }
    |
        <METHODS> { target = SqlShow.Target.METHODS; }
    )
    [
        ( <IN> | <FROM> ) scope = CompoundIdentifier()
    ]
    [
        <LIKE> like = StringLiteral()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_NON_QUERY)
    ]
    {
        return new SqlShow(s.end(this), extended, target, scope, like, where);
    }
}

/**
 * Parses StackQL's DESCRIBE statements: DESCRIBE [EXTENDED] provider.service.resource and
 * DESCRIBE METHOD [EXTENDED] provider.service.resource.method. Calcite's DESCRIBE DATABASE,
 * CATALOG, SCHEMA and STATEMENT are left to its own production.
 */
SqlNode SqlDescribeStackql() :
{
    final Span s;
    final SqlIdentifier id;
}
{
    <DESCRIBE> { s = span(); }
    (
        <METHOD>
        (
            LOOKAHEAD(2) <EXTENDED> id = CompoundIdentifier() {
                return new SqlDescribeMethod(s.end(this), true, id);
            }
        |
            id = CompoundIdentifier() {
                return new SqlDescribeMethod(s.end(this), false, id);
            }
        )
    |
        LOOKAHEAD(2) <EXTENDED> id = CompoundIdentifier() {
            return new SqlDescribeResource(s.end(this), true, id);
        }
    |
        LOOKAHEAD({ getToken(1).kind != DATABASE && getToken(1).kind != CATALOG
            && getToken(1).kind != SCHEMA && getToken(1).kind != STATEMENT })
        id = CompoundIdentifier() {
            return new SqlDescribeResource(s.end(this), false, id);
        }
    )
}
