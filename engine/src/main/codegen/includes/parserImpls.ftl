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
    method = StackqlName()
    (
        [ <COMMA> ]
        parameter = SqlExecParameter() { parameters.add(parameter); }
    )*
    {
        return new SqlExec(s.end(this), new SqlNodeList(hints, getPos()), method,
            new SqlNodeList(parameters, getPos()));
    }
}

/** Parses one "@name = value" or "@@name = value" of an EXEC statement; the name may be quoted, @"name". */
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
    |
        name = <EXEC_QUOTED_PARAM> { payload = false; }
    |
        name = <EXEC_SYS_QUOTED_PARAM> { payload = true; }
    )
    <EQ>
    value = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        return new SqlExecParameter(getPos(), SqlExecParameter.nameOf(name.image), payload, value);
    }
}

/**
 * Parses StackQL's SHOW statement:
 * SHOW [EXTENDED] PROVIDERS | SERVICES | RESOURCES | METHODS | VERSION | AUTH [provider] [IN | FROM name] [LIKE 'pattern' | WHERE condition],
 * and SHOW [EXTENDED] INSERT [/*+ REQUIRED *&#47;] INTO provider.service.resource [(column, ...)].
 */
SqlNode SqlShow() :
{
    final Span s;
    boolean extended = false;
    final SqlShow.Target target;
    final List<SqlNode> hints = new ArrayList<SqlNode>();
    SqlIdentifier scope = null;
    SqlNodeList columns = null;
    SqlNode like = null;
    SqlNode where = null;
}
{
    <SHOW> { s = span(); }
    [ <EXTENDED> { extended = true; } ]
    (
        <INSERT> { target = SqlShow.Target.INSERT; }
        [
            <HINT_BEG> AddHint(hints) ( <COMMA> AddHint(hints) )* <COMMENT_END>
        ]
        <INTO> scope = StackqlName()
        [ columns = ParenthesizedSimpleIdentifierList() ]
    |
        (
            <PROVIDERS> { target = SqlShow.Target.PROVIDERS; }
        |
            <SERVICES> { target = SqlShow.Target.SERVICES; }
        |
            <RESOURCES> { target = SqlShow.Target.RESOURCES; }
        |
            <METHODS> { target = SqlShow.Target.METHODS; }
        |
            <VERSION> { target = SqlShow.Target.VERSION; }
        |
            // SHOW AUTH [provider]: AUTH is not a keyword (a column may be called auth)
            LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "AUTH".equalsIgnoreCase(getToken(1).image) })
            <IDENTIFIER> { target = SqlShow.Target.AUTH; }
            [ scope = StackqlName() ]
        )
        [
            ( <IN> | <FROM> ) scope = StackqlName()
        ]
    )
    [
        <LIKE> like = StringLiteral()
    |
        <WHERE> where = Expression(ExprContext.ACCEPT_NON_QUERY)
    ]
    {
        return new SqlShow(s.end(this), extended, target, new SqlNodeList(hints, getPos()), scope,
            columns, like, where);
    }
}

/**
 * Parses StackQL's DESCRIBE statements: DESCRIBE [EXTENDED] provider.service.resource and
 * DESCRIBE METHOD [EXTENDED] provider.service.resource.method; DESC is DESCRIBE, as in StackQL's
 * grammar. Calcite's DESCRIBE DATABASE, CATALOG, SCHEMA and STATEMENT are left to its own production.
 */
SqlNode SqlDescribeStackql() :
{
    final Span s;
    final SqlIdentifier id;
}
{
    ( <DESCRIBE> | <DESC> ) { s = span(); }
    (
        <METHOD>
        (
            LOOKAHEAD(2) <EXTENDED> id = StackqlName() {
                return new SqlDescribeMethod(s.end(this), true, id);
            }
        |
            id = StackqlName() {
                return new SqlDescribeMethod(s.end(this), false, id);
            }
        )
    |
        LOOKAHEAD(2) <EXTENDED> id = StackqlName() {
            return new SqlDescribeResource(s.end(this), true, id);
        }
    |
        LOOKAHEAD({ getToken(1).kind != DATABASE && getToken(1).kind != CATALOG
            && getToken(1).kind != SCHEMA && getToken(1).kind != STATEMENT })
        id = StackqlName() {
            return new SqlDescribeResource(s.end(this), false, id);
        }
    )
}

/**
 * Parses a dotted name of StackQL's statements (provider.service.resource[.method]): the first
 * part an identifier, the later parts any word, reserved ones included, since methods are often
 * called get, delete, update or reset.
 */
SqlIdentifier StackqlName() :
{
    final List<String> names = new ArrayList<String>();
    final List<SqlParserPos> positions = new ArrayList<SqlParserPos>();
    final SqlIdentifier first;
}
{
    first = SimpleIdentifier() {
        names.add(first.getSimple());
        positions.add(first.getParserPosition());
    }
    (
        <DOT> StackqlNamePart(names, positions)
    )*
    {
        return new SqlIdentifier(names, null, SqlParserPos.sum(positions), positions);
    }
}

/** Reads one part of a StackQL name after a dot: a word, even a reserved one, or a quoted identifier. */
JAVACODE void StackqlNamePart(List<String> names, List<SqlParserPos> positions) {
    final Token t = getNextToken();
    if (t.kind == QUOTED_IDENTIFIER) {
        names.add(SqlParserUtil.stripQuotes(t.image, DQ, DQ, DQDQ, quotedCasing));
    } else if (t.image != null && t.image.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
        names.add(SqlParserUtil.toCase(t.image, unquotedCasing));
    } else {
        throw new ParseException("Encountered \"" + t.image + "\" at line " + t.beginLine
            + ", column " + t.beginColumn + ".\nWas expecting a name after \".\"");
    }
    positions.add(new SqlParserPos(t.beginLine, t.beginColumn, t.endLine, t.endColumn));
}

/** SQLite's {@code x REGEXP pattern}: Calcite's RLIKE, a Java regular expression found anywhere in x. */
void RegexpOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final List<Object> list2;
}
{
    <REGEXP> {
        checkNonQueryExpression(exprContext);
        s.clear().add(this);
    }
    list2 = Expression2(ExprContext.ACCEPT_SUB_QUERY) {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.RLIKE, s.pos()));
        list.addAll(list2);
    }
}

/**
 * SQLite's JSON operators: x -> path gives the part as JSON text, x ->> path as an SQL value.
 * "->" is Calcite's lambda token, which it reads only at the start of a function argument
 * ("f(x -> ...)" stays a lambda there; "f(t.x -> ...)" is the operator).
 */
void JsonArrow(List<Object> list, ExprContext exprContext, Span s) :
{
    final List<Object> list2;
    final SqlOperator op;
}
{
    (
        <LAMBDA> { op = JsonArrowOperator.JSON; }
    |
        <JSON_VALUE_ARROW> { op = JsonArrowOperator.VALUE; }
    )
    {
        checkNonQueryExpression(exprContext);
        s.clear().add(this);
    }
    list2 = Expression2(ExprContext.ACCEPT_SUB_QUERY) {
        list.add(new SqlParserUtil.ToTreeListItem(op, s.pos()));
        list.addAll(list2);
    }
}

/**
 * Parses StackQL's mutations: INSERT, UPDATE, REPLACE and DELETE, each with optional hints after its
 * first word (/*+ AWAIT *&#47;) and an optional RETURNING clause. INTO is optional after INSERT, as in
 * StackQL. REPLACE has UPDATE's shape and maps to the resource's sqlVerbs.replace. StackQL's grammar
 * takes IGNORE after the hints of INSERT, UPDATE and REPLACE and gives it no meaning: so here (a
 * resource whose provider is called ignore, ignore.service.resource, stays a name).
 */
SqlNode SqlMutationStatement() :
{
    final Span s;
    final List<SqlNode> hints = new ArrayList<SqlNode>();
    final SqlMutation.Verb verb;
    final SqlNode statement;
    SqlNodeList returning = null;
}
{
    (
        <INSERT> { s = span(); verb = SqlMutation.Verb.INSERT; }
        [ MutationHints(hints) ]
        [ LOOKAHEAD({ getToken(1).kind == IGNORE && getToken(2).kind != DOT }) <IGNORE> ]
        statement = StackqlInsert(s)
    |
        <UPDATE> { s = span(); verb = SqlMutation.Verb.UPDATE; }
        [ MutationHints(hints) ]
        [ LOOKAHEAD({ getToken(1).kind == IGNORE && getToken(2).kind != DOT }) <IGNORE> ]
        statement = StackqlUpdate(s)
    |
        <REPLACE> { s = span(); verb = SqlMutation.Verb.REPLACE; }
        [ MutationHints(hints) ]
        [ LOOKAHEAD({ getToken(1).kind == IGNORE && getToken(2).kind != DOT }) <IGNORE> ]
        statement = StackqlUpdate(s)
    |
        <DELETE> { s = span(); verb = SqlMutation.Verb.DELETE; }
        [ MutationHints(hints) ]
        statement = StackqlDelete(s)
    )
    [ returning = Returning() ]
    {
        return new SqlMutation(s.end(this), verb, new SqlNodeList(hints, getPos()), statement,
            returning);
    }
}

/** Parses the hints of a mutation, /*+ name [, name] *&#47;. */
void MutationHints(List<SqlNode> hints) :
{
}
{
    <HINT_BEG> AddHint(hints) ( <COMMA> AddHint(hints) )* <COMMENT_END>
}

/** Parses the rest of an INSERT: [INTO] name [(column, ...)] VALUES ... | query. */
SqlNode StackqlInsert(Span s) :
{
    final SqlIdentifier table;
    SqlNodeList columns = null;
    final Pair<SqlNodeList, SqlNodeList> p;
    final SqlNode source;
}
{
    [ <INTO> ]
    table = CompoundTableIdentifier()
    [
        LOOKAHEAD(2)
        p = ParenthesizedCompoundIdentifierList() {
            columns = p.left.isEmpty() ? null : p.left;
        }
    ]
    source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlInsert(s.end(source), SqlNodeList.EMPTY, table, source, columns);
    }
}

/**
 * Parses the rest of an UPDATE or REPLACE: name [[AS] alias] SET [column = value {, column = value}]
 * [WHERE condition]. The SET list may be empty: StackQL's reference pages write
 * "SET -- No updatable properties" for a method without body fields, and the method's inputs then
 * all come from WHERE (StackQL's own parser, stackql-parser's update_list, refuses that form; nothing
 * is lost by reading it).
 */
SqlNode StackqlUpdate(Span s) :
{
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    final SqlNodeList targets = new SqlNodeList(getPos());
    final SqlNodeList values = new SqlNodeList(getPos());
    SqlIdentifier id;
    SqlNode where = null;
}
{
    table = CompoundTableIdentifier()
    [ [ <AS> ] alias = SimpleIdentifier() ]
    <SET>
    [
        id = CompoundIdentifier() { targets.add(id); }
        <EQ> AddExpression(values, ExprContext.ACCEPT_SUB_QUERY)
        (
            <COMMA> id = CompoundIdentifier() { targets.add(id); }
            <EQ> AddExpression(values, ExprContext.ACCEPT_SUB_QUERY)
        )*
    ]
    [ where = Where() ]
    {
        return new SqlUpdate(s.end(this), table, targets, values, where, null, alias);
    }
}

/** Parses the rest of a DELETE: FROM name [[AS] alias] [WHERE condition]. */
SqlNode StackqlDelete(Span s) :
{
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    SqlNode where = null;
}
{
    <FROM> table = CompoundTableIdentifier()
    [ [ <AS> ] alias = SimpleIdentifier() ]
    [ where = Where() ]
    {
        return new SqlDelete(s.end(this), table, where, null, alias);
    }
}

/** Parses RETURNING * | column [, column]: the response fields a mutation returns as rows. */
SqlNodeList Returning() :
{
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlIdentifier id;
    final Span s;
}
{
    <RETURNING> { s = span(); }
    (
        <STAR> { columns.add(SqlIdentifier.star(getPos())); }
    |
        id = CompoundIdentifier() { columns.add(id); }
        ( <COMMA> id = CompoundIdentifier() { columns.add(id); } )*
    )
    {
        return new SqlNodeList(columns, s.end(this));
    }
}

/** Parses the rest of CREATE [OR REPLACE] [MATERIALIZED] VIEW [IF NOT EXISTS] name [(column, ...)] AS query. */
SqlCreate SqlCreateStackqlView(Span s, boolean replace) :
{
    boolean materialized = false;
    boolean ifNotExists = false;
    final SqlIdentifier id;
    SqlNodeList columns = null;
    final SqlNode query;
}
{
    [ <MATERIALIZED> { materialized = true; } ]
    <VIEW>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    id = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        if (materialized) {
            return SqlDdlNodes.createMaterializedView(s.end(this), replace, ifNotExists, id, columns,
                query);
        }
        if (ifNotExists) {
            throw new ParseException("CREATE VIEW IF NOT EXISTS is not supported: "
                + "use CREATE OR REPLACE VIEW, or CREATE MATERIALIZED VIEW IF NOT EXISTS");
        }
        return SqlDdlNodes.createView(s.end(this), replace, id, columns, query);
    }
}

/** Parses the rest of DROP [MATERIALIZED] VIEW [IF EXISTS] name. */
SqlDrop SqlDropStackqlView(Span s, boolean replace) :
{
    boolean materialized = false;
    boolean ifExists = false;
    final SqlIdentifier id;
}
{
    [ <MATERIALIZED> { materialized = true; } ]
    <VIEW>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    id = CompoundIdentifier()
    {
        return materialized ? SqlDdlNodes.dropMaterializedView(s.end(this), ifExists, id)
            : SqlDdlNodes.dropView(s.end(this), ifExists, id);
    }
}

/** Parses REFRESH MATERIALIZED VIEW name. */
SqlNode SqlRefreshMaterializedView() :
{
    final Span s;
    final SqlIdentifier id;
}
{
    <REFRESH> { s = span(); } <MATERIALIZED> <VIEW> id = CompoundIdentifier()
    {
        return new SqlRefreshMaterializedView(s.end(this), id);
    }
}

/**
 * Parses StackQL's REGISTRY LIST [provider] and REGISTRY PULL provider [version]. REGISTRY, LIST
 * and PULL are not keywords (a column may be called list): the production is chosen only when the
 * statement's first two words are REGISTRY LIST or REGISTRY PULL.
 */
SqlNode SqlRegistry() :
{
    final Span s;
    String provider = null;
    String version = null;
}
{
    (
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "REGISTRY".equalsIgnoreCase(getToken(1).image)
            && getToken(2).kind == IDENTIFIER && "LIST".equalsIgnoreCase(getToken(2).image) })
        <IDENTIFIER> { s = span(); } <IDENTIFIER>
        {
            if (RegistryWordFollows()) {
                provider = RegistryWord();
            }
            return new SqlRegistry(s.end(this), SqlRegistry.Action.LIST, provider, null);
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "REGISTRY".equalsIgnoreCase(getToken(1).image)
            && getToken(2).kind == IDENTIFIER && "PULL".equalsIgnoreCase(getToken(2).image) })
        <IDENTIFIER> { s = span(); } <IDENTIFIER>
        {
            if (!RegistryWordFollows()) {
                throw new ParseException("REGISTRY PULL needs a provider name, as in REGISTRY PULL linode");
            }
            provider = RegistryWord();
            if (RegistryWordFollows()) {
                version = RegistryWord();
            }
            return new SqlRegistry(s.end(this), SqlRegistry.Action.PULL, provider, version);
        }
    )
}

/** Whether a provider name or version (a word or a quoted string) comes next. */
JAVACODE boolean RegistryWordFollows() {
    final Token t = getToken(1);
    return t.kind == QUOTED_STRING || t.kind == QUOTED_IDENTIFIER
        || (t.image != null && t.image.matches("[A-Za-z_][A-Za-z0-9_$]*"));
}

/**
 * Reads a provider name or version: a quoted string, or the tokens written without spaces
 * between them, so that googleapis.com and v23.01.00104 (which the lexer splits into a word and
 * numbers) read as written.
 */
JAVACODE String RegistryWord() {
    Token t = getNextToken();
    if (t.kind == QUOTED_STRING) {
        return SqlParserUtil.parseString(t.image);
    }
    if (t.kind == QUOTED_IDENTIFIER) {
        return SqlParserUtil.stripQuotes(t.image, DQ, DQ, DQDQ, Casing.UNCHANGED);
    }
    final StringBuilder word = new StringBuilder(t.image);
    Token next = getToken(1);
    while (next.kind != EOF && next.kind != SEMICOLON && next.beginLine == t.endLine
        && next.beginColumn == t.endColumn + 1 && next.image != null
        && next.image.matches("[A-Za-z0-9_.$-]+")) {
        t = getNextToken();
        word.append(t.image);
        next = getToken(1);
    }
    return word.toString();
}

/**
 * Parses StackQL's statements about the session rather than a resource: USE provider,
 * SLEEP milliseconds, PURGE [target], NATIVEQUERY 'sql', AUTH LOGIN | REVOKE provider and
 * EXPLAIN statement (Calcite's
 * EXPLAIN PLAN ... FOR is left to its own production). USE, SLEEP, PURGE, NATIVEQUERY and AUTH stay
 * plain words, chosen only at the start of a statement, so columns may carry those names.
 */
SqlNode SqlStackqlSessionStatement() :
{
    final Span s;
    final SqlIdentifier provider;
    final SqlNode value;
    final SqlNode statement;
    final Token action;
    String target = null;
    Token scheme = null;
    SqlNode keyFile = null;
}
{
    (
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "USE".equalsIgnoreCase(getToken(1).image) })
        <IDENTIFIER> { s = span(); } provider = SimpleIdentifier()
        {
            return new SqlUse(s.end(this), provider);
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "SLEEP".equalsIgnoreCase(getToken(1).image) })
        <IDENTIFIER> { s = span(); } value = Expression(ExprContext.ACCEPT_NON_QUERY)
        {
            return new SqlSleep(s.end(this), value);
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "PURGE".equalsIgnoreCase(getToken(1).image) })
        <IDENTIFIER> { s = span(); }
        {
            if (RegistryWordFollows()) {
                target = RegistryWord();
            }
            return new SqlPurge(s.end(this), target);
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "NATIVEQUERY".equalsIgnoreCase(getToken(1).image) })
        <IDENTIFIER> { s = span(); } value = StringLiteral()
        {
            return new SqlNativeQuery(s.end(this), SqlLiteral.unchain(value).getValueAs(String.class));
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "AUTH".equalsIgnoreCase(getToken(1).image)
            && (getToken(2).kind == REVOKE
                || getToken(2).kind == IDENTIFIER && "LOGIN".equalsIgnoreCase(getToken(2).image)) })
        <IDENTIFIER> { s = span(); } ( action = <IDENTIFIER> | action = <REVOKE> )
        provider = SimpleIdentifier()
        // StackQL's AUTH LOGIN provider [INTERACTIVE | SERVICEACCOUNT | SA] ['keyfile' ['envvar']]
        // (the two strings are one chained literal to Calcite's lexer: SqlAuth splits it)
        [ scheme = <IDENTIFIER> ]
        [ keyFile = StringLiteral() ]
        {
            if (keyFile != null && keyFile.getKind() == SqlKind.LITERAL_CHAIN
                && ((SqlCall) keyFile).operandCount() > 2) {
                throw new ParseException("AUTH LOGIN takes at most two strings, the key file and the"
                    + " environment variable, as in AUTH LOGIN google serviceaccount '/path/key.json'");
            }
            return SqlAuth.of(s.end(this), "LOGIN".equalsIgnoreCase(action.image)
                ? SqlAuth.Action.LOGIN : SqlAuth.Action.REVOKE, provider,
                scheme == null ? null : scheme.image, keyFile);
        }
    |
        LOOKAHEAD({ getToken(1).kind == EXPLAIN && getToken(2).kind != PLAN })
        <EXPLAIN> { s = span(); } statement = SqlStmt()
        {
            return new SqlExplainStatement(s.end(this), statement);
        }
    )
}
