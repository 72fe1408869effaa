"""Microsoft Project XML (MSPDI): the reader, the conversion to engine activities, the rows it imports as."""
