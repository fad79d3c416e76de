package io.wirepunch.core.dns;

import java.io.IOException;
import java.util.List;

/** The TXT records of a DNS name, one string per record; blocking. */
public interface TxtLookup {
    List<String> txt(String name) throws IOException;
}
